package dev.safedelete.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.safedelete.security.SecurityConfig;
import dev.safedelete.target.SafeDeleteConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.ConfigMappings;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.quarkus.runtime.configuration.DurationConverter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.safedelete.testsupport.Api.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kustomize base in {@code k8s/} fits the application: its port, its probe paths (which answer on the running
 * service), and configuration keys that are real properties.
 */
@QuarkusTest
class KubernetesManifestTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /** Properties of the store and HTTP layers the manifests may set besides safedelete.*. */
    private static final Set<String> QUARKUS_KEYS = Set.of("quarkus.datasource.jdbc.url", "quarkus.datasource.username",
            "quarkus.datasource.password", "quarkus.http.port", "quarkus.log.level",
            "mp.jwt.verify.publickey.location", "mp.jwt.verify.issuer");

    @Test
    void kustomizationListsExistingFiles() throws IOException {
        Map<?, ?> kustomization = YAML.readValue(Path.of("k8s/kustomization.yaml").toFile(), Map.class);
        List<?> resources = (List<?>) kustomization.get("resources");
        assertEquals(Set.of("configmap.yaml", "deployment.yaml", "service.yaml"), Set.copyOf(resources));
        for (Object file : resources) {
            assertTrue(Files.exists(Path.of("k8s", file.toString())), file + " is listed but missing");
        }
    }

    @Test
    void deploymentServesTheApplicationPortWithProbesThatAnswer() throws IOException {
        Container container = container();
        ContainerPort http = container.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst().orElseThrow();
        assertEquals(8080, http.getContainerPort(), "Quarkus' production port (quarkus.http.port is not changed)");

        assertProbe(container.getReadinessProbe(), "/q/health/ready");
        assertProbe(container.getLivenessProbe(), "/q/health/live");
        assertProbe(container.getStartupProbe(), "/q/health/started");

        Service service = YAML.readValue(Path.of("k8s/service.yaml").toFile(), Service.class);
        var servicePort = service.getSpec().getPorts().get(0);
        assertEquals("http", servicePort.getTargetPort().getStrVal(), "the Service forwards to the named container port");
        assertEquals(deployment().getSpec().getSelector().getMatchLabels(), service.getSpec().getSelector());
        assertEquals(deployment().getSpec().getSelector().getMatchLabels(),
                deployment().getSpec().getTemplate().getMetadata().getLabels());
    }

    @Test
    void deploymentIsBoundedAndUnprivileged() throws IOException {
        Deployment deployment = deployment();
        Container container = container();
        assertEquals(Boolean.TRUE, deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot());
        for (String kind : List.of("cpu", "memory")) {
            assertNotNull(container.getResources().getRequests().get(kind), "request " + kind);
            assertNotNull(container.getResources().getLimits().get(kind), "limit " + kind);
        }
        assertEquals(Boolean.FALSE, container.getSecurityContext().getAllowPrivilegeEscalation());
    }

    @Test
    void environmentComesFromTheConfigMapAndTheSecret() throws IOException {
        List<EnvFromSource> envFrom = container().getEnvFrom();
        assertEquals(configMap().getMetadata().getName(), envFrom.get(0).getConfigMapRef().getName());
        assertEquals(secret().getMetadata().getName(), envFrom.get(1).getSecretRef().getName());
    }

    @Test
    void everyConfigurationKeyIsARealProperty() throws IOException {
        var environment = new HashMap<String, String>();
        environment.putAll(configMap().getData());
        environment.putAll(secret().getStringData());

        List<Pattern> known = java.util.stream.Stream.concat(
                ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(SafeDeleteConfig.class, "safedelete")).keySet().stream(),
                ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(SecurityConfig.class, "safedelete.security")).keySet().stream())
                .map(KubernetesManifestTest::environmentPattern).toList();
        for (String key : environment.keySet()) {
            boolean mapped = known.stream().anyMatch(p -> p.matcher(key).matches())
                    || QUARKUS_KEYS.stream().anyMatch(q -> toEnvironmentName(q).equals(key));
            assertTrue(mapped, key + " is not the environment form of any property the service reads");
        }

        // And the values arrive where they should: read them through the application's own mapping.
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(environment, 300))
                .withMapping(SafeDeleteConfig.class)
                .withMapping(SecurityConfig.class)
                // Quarkus' own duration format ("15s"), which plain SmallRye Config does not know.
                .withConverter(java.time.Duration.class, 200, new DurationConverter())
                .build();
        SafeDeleteConfig mapped = config.getConfigMapping(SafeDeleteConfig.class);
        assertEquals(Set.of("shop", "crm"), mapped.targets().keySet());
        assertEquals(configMap().getData().get("SAFEDELETE_TARGETS_SHOP_JDBC_URL"), mapped.targets().get("shop").jdbcUrl());
        assertEquals(List.of("public", "billing"), mapped.targets().get("shop").schemas().orElseThrow());
        assertEquals("safedelete", mapped.targets().get("shop").username().orElseThrow());
        assertTrue(mapped.targets().get("crm").readOnly());
        assertEquals(8, mapped.targets().get("shop").pool().maxSize());
        assertEquals(false, mapped.demo().enabled());
        SecurityConfig security = config.getConfigMapping(SecurityConfig.class);
        assertEquals(Set.of("backoffice"), security.apiKeys().keySet());
        assertEquals(List.of("planner"), security.apiKeys().get("backoffice").roles());
        assertEquals(64, security.apiKeys().get("backoffice").keySha256().orElseThrow().length());
        assertEquals(List.of("shop"), security.apiKeys().get("backoffice").targets().orElseThrow());
    }

    private static void assertProbe(Probe probe, String path) {
        assertNotNull(probe, "probe for " + path);
        assertEquals(path, probe.getHttpGet().getPath());
        assertEquals("http", probe.getHttpGet().getPort().getStrVal());
        given().when().get(path).then().statusCode(200);
    }

    /** {@code safedelete.targets.*.pool.max-size} becomes {@code SAFEDELETE_TARGETS_[A-Z0-9_]+_POOL_MAX_SIZE}. */
    private static Pattern environmentPattern(String propertyName) {
        String[] parts = propertyName.split("\\*", -1);
        var regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append("[A-Z0-9_]+");
            }
            regex.append(Pattern.quote(toEnvironmentName(parts[i])));
        }
        return Pattern.compile(regex.toString());
    }

    private static String toEnvironmentName(String propertyName) {
        return propertyName.replaceAll("[^A-Za-z0-9*]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    private static Deployment deployment() throws IOException {
        return YAML.readValue(Path.of("k8s/deployment.yaml").toFile(), Deployment.class);
    }

    private static Container container() throws IOException {
        return deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static ConfigMap configMap() throws IOException {
        return YAML.readValue(Path.of("k8s/configmap.yaml").toFile(), ConfigMap.class);
    }

    private static Secret secret() throws IOException {
        return YAML.readValue(Path.of("k8s/secret.example.yaml").toFile(), Secret.class);
    }
}
