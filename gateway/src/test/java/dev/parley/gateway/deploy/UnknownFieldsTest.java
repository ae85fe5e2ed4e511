package dev.parley.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** UnknownFields finds typos that fabric8 accepts silently, at any depth, and nothing in a correct manifest. */
class UnknownFieldsTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: chat
            spec:
              replicas: 3
              %s
              selector:
                matchLabels: {app: chat}
              template:
                metadata:
                  labels: {app: chat}
                spec:
                  containers:
                    - name: gateway
                      image: parley-gateway
                      %s:
                        httpGet: {path: /healthz, port: 8080}
            """;

    @Test
    void aCorrectManifestHasNone() {
        assertThat(UnknownFields.in(parse(DEPLOYMENT.formatted("", "livenessProbe")))).isEmpty();
    }

    @Test
    void aMisspelledFieldDeepInThePodTemplateIsReportedWithItsPath() {
        assertThat(UnknownFields.in(parse(DEPLOYMENT.formatted("", "livenesProbe"))))
                .containsExactly("spec.template.spec.containers[0]: [livenesProbe]");
    }

    @Test
    void aFieldAtTheWrongLevelIsReported() {
        assertThat(UnknownFields.in(parse(DEPLOYMENT.formatted("terminationGracePeriodSeconds: 40", "livenessProbe"))))
                .containsExactly("spec: [terminationGracePeriodSeconds]");
    }

    private static Object parse(String yaml) {
        return KubernetesManifests.parse(yaml);
    }
}
