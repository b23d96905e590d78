package org.smsconsole.web.api;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The hand-written OpenAPI document is valid YAML, its references resolve, and it lists every route the API serves. */
class OpenApiDocumentTest {

    @Test
    void documentsEveryRouteOfTheApiAndEveryReferenceResolves() throws Exception {
        Map<String, Object> doc;
        try (InputStream in = OpenApiDocument.class.getResourceAsStream("/openapi.yaml")) {
            doc = new Yaml().load(in);
        }
        List<String> broken = new ArrayList<>();
        references(doc, doc, broken);
        assertEquals(List.of(), broken, "unresolved $ref");

        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
        Set<String> documented = new TreeSet<>();
        paths.forEach((path, item) -> item.keySet().forEach(method -> documented.add(method + " " + normalise(path))));
        Set<String> served = new TreeSet<>();
        for (Class<?> type : new ApiApplication().getClasses()) {
            Path root = type.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method m : type.getMethods()) {
                String verb = verb(m);
                if (verb != null) {
                    Path sub = m.getAnnotation(Path.class);
                    served.add(verb + " " + normalise("/" + root.value() + (sub == null ? "" : "/" + sub.value())));
                }
            }
        }
        served.removeAll(documented);
        assertEquals(Set.of(), served, "served but not documented");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCreatingPostsDocumentTheirIdempotencyKeyAndItsRefusal() throws Exception {
        Map<String, Object> doc;
        try (InputStream in = OpenApiDocument.class.getResourceAsStream("/openapi.yaml")) {
            doc = new Yaml().load(in);
        }
        Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
        Map<String, Object> key = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("parameters"))
                .get("idempotency_key");
        assertEquals("Idempotency-Key", key.get("name"));
        assertEquals("header", key.get("in"));
        for (String path : List.of("/messages", "/campaigns", "/campaigns/{id}/schedule")) {
            Map<String, Object> post = (Map<String, Object>) ((Map<String, Object>) paths.get(path)).get("post");
            assertEquals(List.of(Map.of("$ref", "#/components/parameters/idempotency_key")), post.get("parameters"), path);
            assertEquals(true, ((Map<String, Object>) post.get("responses")).containsKey("422"), path + " documents 422");
        }
    }

    /** {@code /groups/{id:[0-9]+}/members/{contactId:[0-9]+}} and {@code /groups/{id}/members/{contact_id}} are one route. */
    private static String normalise(String path) {
        return path.replaceAll("\\{[^}/]*(:[^}]*)?}", "{}").replaceAll("/+", "/").replaceAll("(.)/$", "$1");
    }

    private static String verb(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static void references(Object node, Map<String, Object> doc, List<String> broken) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if ("$ref".equals(k)) {
                    Object target = doc;
                    for (String part : ((String) v).substring(2).split("/")) {
                        target = target instanceof Map<?, ?> m ? m.get(part) : null;
                    }
                    if (target == null) {
                        broken.add((String) v);
                    }
                } else {
                    references(v, doc, broken);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> references(item, doc, broken));
        }
    }
}
