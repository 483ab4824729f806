package com.emailengine.cdk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Plain-map queries over a synthesized CloudFormation template. */
class TemplateJson {

    final Map<String, Object> json;

    TemplateJson(Map<String, Object> json) {
        this.json = json;
    }

    /** Logical id to resource, for every resource of the type. */
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> resources(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        ((Map<String, Object>) json.get("Resources")).forEach((id, resource) -> {
            Map<String, Object> map = (Map<String, Object>) resource;
            if (type.equals(map.get("Type"))) {
                found.put(id, map);
            }
        });
        return found;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
    }

    /** The resources' properties, for types whose resources are told apart by a property. */
    List<Map<String, Object>> propertiesOf(String type) {
        return resources(type).values().stream().map(TemplateJson::properties).toList();
    }

    /** The logical id of the resource of this type whose property has this value. */
    String logicalId(String type, String property, Object value) {
        return resources(type).entrySet().stream()
                .filter(e -> value.equals(properties(e.getValue()).get(property)))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " with " + property + " = " + value));
    }

    /** The logical id of the role a function runs with. */
    @SuppressWarnings("unchecked")
    String roleOf(String functionLogicalId) {
        Map<String, Object> role = (Map<String, Object>) properties(resources("AWS::Lambda::Function").get(functionLogicalId)).get("Role");
        return ((List<String>) role.get("Fn::GetAtt")).get(0);
    }

    /** Every statement of every policy attached to the role. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> statementsOfRole(String roleLogicalId) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Map<String, Object> policy : resources("AWS::IAM::Policy").values()) {
            Map<String, Object> props = properties(policy);
            if (((List<Object>) props.get("Roles")).contains(Map.of("Ref", roleLogicalId))) {
                statements.addAll(statements(props.get("PolicyDocument")));
            }
        }
        Map<String, Object> role = properties(resources("AWS::IAM::Role").get(roleLogicalId));
        for (Object inline : (List<Object>) role.getOrDefault("Policies", List.of())) {
            statements.addAll(statements(((Map<String, Object>) inline).get("PolicyDocument")));
        }
        return statements;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> statements(Object policyDocument) {
        return (List<Map<String, Object>>) ((Map<String, Object>) policyDocument).get("Statement");
    }

    /** A statement's actions or resources as a list, whether the template holds one or several. */
    @SuppressWarnings("unchecked")
    static List<Object> list(Object oneOrMany) {
        return oneOrMany instanceof List<?> many ? (List<Object>) many : List.of(oneOrMany);
    }

    /** The logical ids an expression refers to through Ref or Fn::GetAtt (pseudo parameters left out). */
    static Set<String> referencedIds(Object expression) {
        Set<String> ids = new LinkedHashSet<>();
        collect(expression, ids);
        return ids;
    }

    private static void collect(Object expression, Set<String> ids) {
        if (expression instanceof Map<?, ?> map) {
            if (map.get("Ref") instanceof String ref && !ref.startsWith("AWS::")) {
                ids.add(ref);
            }
            if (map.get("Fn::GetAtt") instanceof List<?> getAtt) {
                ids.add((String) getAtt.get(0));
            }
            map.values().forEach(value -> collect(value, ids));
        } else if (expression instanceof List<?> list) {
            list.forEach(value -> collect(value, ids));
        }
    }
}
