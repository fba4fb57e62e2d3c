package dev.ebpm.registry.http;

import dev.ebpm.format.FreeText;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Map;

/**
 * Text that enters through the URL is checked once, before any resource sees it: a NUL character
 * (U+0000, {@code %00}) in the path or in a query parameter is a 400. PostgreSQL cannot store or compare
 * it, and no name, reference or filter means it.
 */
public class InputHygiene {
    @ServerRequestFilter(preMatching = true)
    public void rejectNul(ContainerRequestContext request) {
        if (FreeText.hasNul(request.getUriInfo().getPath())) {
            throw nul("the path");
        }
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            if (FreeText.hasNul(e.getKey()) || e.getValue().stream().anyMatch(FreeText::hasNul)) {
                throw nul("the query parameter " + e.getKey().replace('\0', '?'));
            }
        }
    }

    private static ApiException nul(String where) {
        return ApiException.badRequest(ErrorCode.BAD_REQUEST, where + " contains a NUL character (U+0000)");
    }
}
