package io.stratusmq.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Rendered Kubernetes manifests (the output of {@code helm template} or {@code kubectl kustomize}), parsed into the
 * fabric8 Kubernetes model and checked against it.
 *
 * <p>fabric8 rejects wrong types (a string where an int goes) but keeps unknown fields in each object's
 * {@code additionalProperties} without complaint, so a misspelt or misplaced field ({@code livenesProbe}, a probe
 * under the pod instead of the container) would pass. {@link #parse} walks every parsed object and fails on any
 * non-empty {@code additionalProperties}. Kinds the model does not know (custom resources such as ServiceMonitor)
 * come back as {@link GenericKubernetesResource}; only the kinds in {@link #CUSTOM_KINDS} may, and the tests check
 * those structurally.
 */
final class Manifests {

    /** Custom resources the deployment may render; everything else must be a kind the fabric8 model knows. */
    static final Set<String> CUSTOM_KINDS = Set.of("monitoring.coreos.com/v1/ServiceMonitor");

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    private final List<HasMetadata> objects;

    private Manifests(List<HasMetadata> objects) {
        this.objects = List.copyOf(objects);
    }

    /**
     * Parses a multi-document YAML stream and validates every document against the Kubernetes model.
     *
     * @throws AssertionError listing every unknown field, or when a document is not a known kind
     * @throws RuntimeException when a document does not fit the model's types
     */
    static Manifests parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
            if (isBlank(document)) {
                continue;
            }
            Object parsed = SERIALIZATION.unmarshal(document);
            if (!(parsed instanceof HasMetadata object)) {
                throw new AssertionError("Not a Kubernetes object: " + document);
            }
            String where = object.getKind() + "/" + object.getMetadata().getName();
            if (object instanceof GenericKubernetesResource) {
                String kind = object.getApiVersion() + "/" + object.getKind();
                if (!CUSTOM_KINDS.contains(kind)) {
                    problems.add(where + ": " + kind + " is not a kind the Kubernetes model knows");
                }
            } else {
                unknownFields(object, where, problems, Collections.newSetFromMap(new IdentityHashMap<>()));
            }
            objects.add(object);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("Invalid manifests:\n  " + String.join("\n  ", problems));
        }
        return new Manifests(objects);
    }

    /** Every object. */
    List<HasMetadata> all() {
        return objects;
    }

    /** Every object of one type. */
    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    /** Objects of one kind (for custom resources, which have no model class). */
    List<GenericKubernetesResource> custom(String kind) {
        return all(GenericKubernetesResource.class).stream()
                .filter(resource -> kind.equals(resource.getKind()))
                .collect(Collectors.toList());
    }

    /** The object of a type with a name. */
    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(object -> name.equals(object.getMetadata().getName())).findFirst();
    }

    /** The object of a type with a name, which must exist. */
    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError(
                "No " + type.getSimpleName() + " named " + name + " among " + names()));
    }

    /** kind/name of every object, for messages. */
    List<String> names() {
        return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).collect(Collectors.toList());
    }

    /**
     * Collects every non-empty {@code additionalProperties} map reachable from {@code value}: the fields the model
     * did not recognise.
     */
    private static void unknownFields(Object value, String path, List<String> problems, Set<Object> seen) {
        if (value == null || !seen.add(value)) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            int i = 0;
            for (Object element : collection) {
                unknownFields(element, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, element) -> unknownFields(element, path + "[" + key + "]", problems, seen));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Class<?> type = value.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Object fieldValue = read(field, value);
                if (field.getName().equals("additionalProperties")) {
                    if (fieldValue instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        problems.add(path + ": unknown field(s) " + extra.keySet());
                    }
                } else {
                    unknownFields(fieldValue, path + "." + field.getName(), problems, seen);
                }
            }
        }
    }

    private static Object read(Field field, Object target) {
        try {
            field.setAccessible(true);
            return field.get(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Cannot read " + field + " of the Kubernetes model", e);
        }
    }

    private static boolean isBlank(String document) {
        return document.lines().map(String::strip).allMatch(line -> line.isEmpty() || line.startsWith("#"));
    }
}
