package dev.parley.gateway.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The objects of k8s/, read with fabric8 into typed Kubernetes objects, each with the file it came from. */
final class KubernetesManifests {

    static final Path DIRECTORY = RepositoryRoot.resolve("k8s");
    static final String KUSTOMIZATION = "kustomization.yaml";

    record Manifest(String file, HasMetadata object) {
    }

    private final List<Manifest> manifests;

    private KubernetesManifests(List<Manifest> manifests) {
        this.manifests = manifests;
    }

    /** Reads these files (relative to k8s/), every YAML document of each. */
    static KubernetesManifests read(List<String> files) throws IOException {
        KubernetesSerialization serialization = newSerialization();
        List<Manifest> manifests = new ArrayList<>();
        for (String file : files) {
            try (InputStream in = Files.newInputStream(DIRECTORY.resolve(file))) {
                Object read = serialization.unmarshal(in);
                objects(read, file).forEach(object -> manifests.add(new Manifest(file, object)));
            }
        }
        return new KubernetesManifests(manifests);
    }

    /** Every .yaml and .yml file under k8s/, relative to it, but the kustomization itself. */
    static List<String> filesOnDisk() throws IOException {
        try (Stream<Path> paths = Files.walk(DIRECTORY)) {
            return paths.filter(Files::isRegularFile)
                    .map(path -> DIRECTORY.relativize(path).toString().replace('\\', '/'))
                    .filter(name -> name.endsWith(".yaml") || name.endsWith(".yml"))
                    .filter(name -> !name.equals(KUSTOMIZATION))
                    .sorted().toList();
        }
    }

    List<Manifest> all() {
        return manifests;
    }

    /** The one object of this type and name; fails the test if there is none. */
    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() ->
                new AssertionError("k8s/ has no " + type.getSimpleName() + " named " + name));
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return manifests.stream().map(Manifest::object).filter(type::isInstance).map(type::cast)
                .filter(object -> name.equals(object.getMetadata().getName())).findFirst();
    }

    <T extends HasMetadata> List<T> ofType(Class<T> type) {
        return manifests.stream().map(Manifest::object).filter(type::isInstance).map(type::cast).toList();
    }

    /** One YAML document as fabric8 reads it: a typed object for a kind it knows. */
    static Object parse(String yaml) {
        return newSerialization().unmarshal(yaml);
    }

    private static KubernetesSerialization newSerialization() {
        try {
            return new KubernetesSerialization();
        } catch (NoClassDefFoundError e) {
            throw new AssertionError("fabric8 8.0.0 reads YAML with Jackson 3, which needs "
                    + "com.fasterxml.jackson.core:jackson-annotations 2.22 (the version fabric8 declares; 2.21 at "
                    + "least); the root pom's dependencyManagement pins an older one (jackson-annotations.version). "
                    + "Missing: " + e.getMessage(), e);
        }
    }

    private static List<HasMetadata> objects(Object read, String file) {
        if (read instanceof KubernetesList list) {
            return list.getItems();
        }
        if (read instanceof List<?> list) {
            return list.stream().map(item -> object(item, file)).toList();
        }
        return List.of(object(read, file));
    }

    private static HasMetadata object(Object item, String file) {
        if (item instanceof HasMetadata object) {
            return object;
        }
        throw new AssertionError("k8s/" + file + " holds something that is not a Kubernetes object: " + item);
    }
}
