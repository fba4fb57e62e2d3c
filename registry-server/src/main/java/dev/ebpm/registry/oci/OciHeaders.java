package dev.ebpm.registry.oci;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Every {@code /v2/} answer says which API it speaks, as Docker-compatible clients check. */
public class OciHeaders {
    @ServerResponseFilter
    public void apiVersion(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getUriInfo().getPath().startsWith("/v2")) {
            response.getHeaders().putSingle("Docker-Distribution-API-Version", "registry/2.0");
        }
    }
}
