package dev.ebpm.registry.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.format.json.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The scaled-out deployments users start from (Kubernetes manifests, docker-compose.yml, HAProxy's config)
 * parse and have what replicas need: several of them, probes on the health endpoints, secrets by reference
 * only, one hub key for all, workers that reach the registry through the balancer.
 */
class DeploymentFilesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        for (String doc : Files.readString(file).split("(?m)^---$")) {
            if (!doc.strip().isEmpty() && !doc.lines().allMatch(l -> l.isBlank() || l.startsWith("#"))) {
                docs.add(Json.parseYaml(doc.getBytes(StandardCharsets.UTF_8)));
            }
        }
        return docs;
    }

    private static Map<String, JsonNode> byKindAndName() throws IOException {
        Map<String, JsonNode> all = new HashMap<>();
        try (var files = Files.list(KUBERNETES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                for (JsonNode d : documents(f)) {
                    all.put(d.path("kind").asText() + "/" + d.path("metadata").path("name").asText(), d);
                }
            }
        }
        return all;
    }

    private static JsonNode container(JsonNode deployment) {
        return deployment.path("spec").path("template").path("spec").path("containers").get(0);
    }

    private static Map<String, JsonNode> env(JsonNode container) {
        Map<String, JsonNode> env = new HashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
        return env;
    }

    @Test
    void kubernetesRegistryReplicasHaveProbesAndSecretsByReference() throws IOException {
        Map<String, JsonNode> all = byKindAndName();
        JsonNode registry = all.get("Deployment/ebpm-registry");
        assertThat(registry).as("Deployment ebpm-registry").isNotNull();
        assertThat(registry.path("spec").path("replicas").asInt()).isGreaterThanOrEqualTo(2);
        JsonNode c = container(registry);
        assertThat(c.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
        assertThat(c.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");
        Map<String, JsonNode> env = env(c);
        for (String secret : List.of("QUARKUS_DATASOURCE_PASSWORD", "EBPM_STORAGE_SECRET_KEY", "EBPM_AUTH_ADMIN_TOKEN",
            "EBPM_AUTH_WORKER_TOKEN", "EBPM_TRUST_HUB_KEY")) {
            assertThat(env.get(secret)).as(secret).isNotNull();
            assertThat(env.get(secret).path("valueFrom").path("secretKeyRef").path("name").asText())
                .as(secret + " from a secret").isNotEmpty();
            assertThat(env.get(secret).has("value")).as(secret + " never inline").isFalse();
        }
        String configMap = c.path("envFrom").get(0).path("configMapRef").path("name").asText();
        JsonNode config = all.get("ConfigMap/" + configMap);
        assertThat(config.path("data").fieldNames()).toIterable()
            .contains("QUARKUS_DATASOURCE_JDBC_URL", "EBPM_STORAGE_ENDPOINT", "EBPM_STORAGE_BUCKET");
        JsonNode service = all.get("Service/ebpm-registry");
        assertThat(service.path("spec").path("selector")).isEqualTo(registry.path("spec").path("selector")
            .path("matchLabels"));
    }

    @Test
    void kubernetesWorkersLeaseThroughTheServiceWithTheWorkerSecret() throws IOException {
        Map<String, JsonNode> all = byKindAndName();
        JsonNode worker = all.get("Deployment/ebpm-worker");
        assertThat(worker).as("Deployment ebpm-worker").isNotNull();
        Map<String, JsonNode> env = env(container(worker));
        assertThat(env.get("EBPM_REGISTRY").path("value").asText()).isEqualTo("http://ebpm-registry:8080");
        assertThat(env.get("EBPM_WORKER_TOKEN").path("valueFrom").path("secretKeyRef").path("key").asText())
            .isEqualTo("worker");
        // kustomization applies the three manifests and not the example secret.
        JsonNode kustomization = documents(KUBERNETES.resolve("kustomization.yaml")).get(0);
        List<String> resources = StreamSupport.stream(kustomization.path("resources").spliterator(), false)
            .map(JsonNode::asText).toList();
        assertThat(resources).containsExactlyInAnyOrder("configmap.yaml", "registry.yaml", "worker.yaml");
    }

    @Test
    void composeRunsReplicasBehindHaproxyWithOneHubKey() throws IOException {
        JsonNode services = documents(ROOT.resolve("docker-compose.yml")).get(0).path("services");
        assertThat(services.path("registry").path("deploy").path("replicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(services.path("registry").has("ports")).as("replicas publish no port; HAProxy does").isFalse();
        assertThat(services.path("registry").path("environment").path("EBPM_TRUST_HUB_KEY_FILE").asText())
            .startsWith("/var/lib/ebpm/");
        assertThat(services.path("haproxy").path("ports").get(0).asText()).isEqualTo("8080:8080");
        assertThat(services.path("worker").path("environment").path("EBPM_REGISTRY").asText())
            .isEqualTo("http://haproxy:8080");
        assertThat(services.path("worker").path("deploy").path("replicas").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void haproxyAcceptsItsConfig() throws Exception {
        String cfg = Files.readString(ROOT.resolve("deploy/haproxy/haproxy.cfg"));
        assertThat(cfg).contains("option httpchk GET /q/health/ready", "Retry-After", "disable-l7-retry");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/haproxy")), "haproxy is not installed");
        // Docker's resolver is not here: check everything but name resolution.
        Path local = Files.createTempFile("haproxy", ".cfg");
        Files.writeString(local, cfg.replace("registry:8080", "127.0.0.1:8080"));
        Process p = new ProcessBuilder("/usr/sbin/haproxy", "-c", "-f", local.toString()).redirectErrorStream(true)
            .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Files.delete(local);
        assertThat(p.exitValue()).as(out).isZero();
    }
}
