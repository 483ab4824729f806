package com.emailengine.core.campaign.definition;

import com.emailengine.core.campaign.timing.SendingWindow;
import com.emailengine.core.templating.LanguageTag;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a campaign definition from its JSON (the API's body, and the stored form) and checks it, collecting every
 * problem with its JSON pointer rather than stopping at the first: an operator fixing a campaign in a form sees all of
 * it at once. Unknown fields are problems too (a typo such as {@code "dealy"} would otherwise be silently ignored).
 * What needs other data (do the templates exist, in which languages) is checked at activation, not here.
 */
public final class CampaignDefinitionReader {

    public static final int MAX_STEPS = 50;
    public static final int MAX_VARIANTS = 10;
    public static final int MAX_RULES = 50;
    /** No step waits longer than this after the previous one: a typo of {@code 300d} for {@code 30d} is caught. */
    public static final Duration MAX_DELAY = Duration.ofDays(366);

    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern VARIANT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,15}");
    private static final Pattern CUSTOM_FIELD = Pattern.compile("fields\\.[a-z0-9_]{1,64}");
    private static final Set<String> TOP = Set.of("id", "name", "kind", "audience", "trigger", "send_at", "steps", "window",
            "caps", "pool", "spread", "languages");
    private static final Set<String> STEP = Set.of("template", "version", "delay", "at", "condition", "variants", "winner");
    private static final Set<String> TEXT_FIELDS = Set.of("source", "language", "country", "category");
    private static final Set<String> NUMBER_FIELDS = Set.of("domain_authority", "page_rank");
    private static final Set<String> DATE_FIELDS = Set.of("ingested_at");

    private final List<CampaignProblem> problems = new ArrayList<>();

    private CampaignDefinitionReader() {
    }

    /**
     * @param idFromPath the id the route names (an update), or null (a create: the body names it)
     * @throws InvalidCampaignException with every problem found
     */
    public static CampaignDefinition read(JsonNode body, String idFromPath) {
        CampaignDefinitionReader reader = new CampaignDefinitionReader();
        CampaignDefinition definition = reader.campaign(body, idFromPath);
        if (!reader.problems.isEmpty()) {
            throw new InvalidCampaignException("invalid_campaign", reader.problems);
        }
        return definition;
    }

    private CampaignDefinition campaign(JsonNode body, String idFromPath) {
        if (body == null || !body.isObject()) {
            problem("", "a campaign is a JSON object");
            return null;
        }
        unknownFields(body, "", TOP);
        String id = text(body, "id", "/id", idFromPath == null);
        if (idFromPath != null) {
            if (id != null && !id.equals(idFromPath)) {
                problem("/id", "the body names campaign '" + id + "' but the path names '" + idFromPath + "'");
            }
            id = idFromPath;
        }
        if (id != null && !ID.matcher(id).matches()) {
            problem("/id", "'" + id + "' must be 1-63 lower-case letters, digits and dashes, starting with a letter or digit");
        }
        String name = text(body, "name", "/name", false);
        if (name != null && (name.isBlank() || name.length() > 200)) {
            problem("/name", "a name is 1-200 characters");
        }
        String kindText = text(body, "kind", "/kind", true);
        CampaignKind kind = kindText == null ? null : CampaignKind.parse(kindText).orElse(null);
        if (kindText != null && kind == null) {
            problem("/kind", "'" + kindText + "' is not a kind: sequence, broadcast or autoresponder");
        }
        Audience audience = audience(body.get("audience"));
        Optional<TriggerSpec> trigger = trigger(body.get("trigger"), kind);
        Optional<LocalDateTime> sendAt = Optional.ofNullable(dateTime(body, "send_at", "/send_at"));
        if (kind == CampaignKind.BROADCAST && sendAt.isEmpty() && !body.has("send_at")) {
            problem("/send_at", "a broadcast needs send_at, the date and time to send in each contact's time zone");
        }
        if (kind != null && kind != CampaignKind.BROADCAST && body.has("send_at")) {
            problem("/send_at", "only a broadcast has send_at; a " + kind.wireName() + "'s steps have delays");
        }
        List<StepDefinition> steps = steps(body.get("steps"), kind);
        Optional<SendingWindowSpec> window = window(body.get("window"));
        DailyCaps caps = caps(body.get("caps"));
        String pool = text(body, "pool", "/pool", false);
        boolean spread = bool(body, "spread", "/spread", true);
        List<LanguageTag> languages = languages(body.get("languages"));
        if (id == null || kind == null) {
            return null;
        }
        return new CampaignDefinition(id, name == null ? id : name, kind, audience, trigger, sendAt, steps, window, caps,
                Optional.ofNullable(pool), spread, languages);
    }

    private Audience audience(JsonNode node) {
        if (node == null || node.isNull()) {
            return Audience.EVERYONE;
        }
        if (!node.isObject()) {
            problem("/audience", "the audience is an object: {\"rules\": [...]}");
            return Audience.EVERYONE;
        }
        unknownFields(node, "/audience", Set.of("rules"));
        JsonNode rules = node.get("rules");
        if (rules == null || rules.isNull()) {
            return Audience.EVERYONE;
        }
        if (!rules.isArray()) {
            problem("/audience/rules", "the rules are a list");
            return Audience.EVERYONE;
        }
        if (rules.size() > MAX_RULES) {
            problem("/audience/rules", "at most " + MAX_RULES + " rules, got " + rules.size());
            return Audience.EVERYONE;
        }
        List<AudienceRule> read = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            rule(rules.get(i), "/audience/rules/" + i).ifPresent(read::add);
        }
        return new Audience(read);
    }

    private Optional<AudienceRule> rule(JsonNode node, String at) {
        if (!node.isObject()) {
            problem(at, "a rule is an object: {\"field\": ..., \"operator\": ..., \"values\": [...]}");
            return Optional.empty();
        }
        unknownFields(node, at, Set.of("field", "operator", "values", "value"));
        String field = text(node, "field", at + "/field", true);
        String operator = text(node, "operator", at + "/operator", true);
        if (field == null || operator == null) {
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        JsonNode valuesNode = node.has("values") ? node.get("values") : node.get("value");
        String valuesAt = at + (node.has("values") ? "/values" : "/value");
        if (valuesNode != null && valuesNode.isArray()) {
            for (int i = 0; i < valuesNode.size(); i++) {
                JsonNode value = valuesNode.get(i);
                if (!value.isValueNode() || value.isNull()) {
                    problem(valuesAt + "/" + i, "a value is a string or a number");
                } else {
                    values.add(value.asText());
                }
            }
        } else if (valuesNode != null && valuesNode.isValueNode() && !valuesNode.isNull()) {
            values.add(valuesNode.asText());
        }
        int before = problems.size();
        boolean text = TEXT_FIELDS.contains(field) || CUSTOM_FIELD.matcher(field).matches();
        boolean number = NUMBER_FIELDS.contains(field);
        boolean date = DATE_FIELDS.contains(field);
        boolean tags = field.equals("tags");
        if (!text && !number && !date && !tags) {
            problem(at + "/field", "'" + field + "' is not a field: source, language, country, category, tags, "
                    + "domain_authority, page_rank, ingested_at, or fields.<name>");
            return Optional.empty();
        }
        Set<String> allowed = text ? Set.of("in", "not_in", "equals", "exists") : number ? Set.of("between", "exists")
                : date ? Set.of("after", "before") : Set.of("contains", "exists");
        if (!allowed.contains(operator)) {
            problem(at + "/operator", "'" + operator + "' does not apply to " + field + ": use " + String.join(", ", allowed.stream().sorted().toList()));
            return Optional.empty();
        }
        switch (operator) {
            case "in", "not_in" -> {
                if (values.isEmpty() || values.size() > 1_000) {
                    problem(valuesAt, operator + " takes 1 to 1,000 values");
                }
                if (field.equals("language")) {
                    values = values.stream().map(v -> LanguageTag.parse(v).map(LanguageTag::value).orElseGet(() -> {
                        problem(valuesAt, "'" + v + "' is not a language tag such as fr, pt-BR or zh-Hant");
                        return v;
                    })).toList();
                } else if (field.equals("country")) {
                    values = values.stream().map(v -> v.toUpperCase(Locale.ROOT)).toList();
                    values.stream().filter(v -> !v.matches("[A-Z]{2}")).findFirst().ifPresent(v ->
                            problem(valuesAt, "'" + v + "' is not a two-letter ISO 3166 country code"));
                }
            }
            case "equals", "contains", "after", "before" -> {
                if (values.size() != 1) {
                    problem(valuesAt, operator + " takes one value");
                } else if (date) {
                    try {
                        LocalDate.parse(values.getFirst());
                    } catch (DateTimeParseException e) {
                        problem(valuesAt, "'" + values.getFirst() + "' is not a date such as 2026-12-03");
                    }
                }
            }
            case "between" -> {
                if (values.size() != 2) {
                    problem(valuesAt, "between takes two numbers, the lowest and highest allowed (inclusive)");
                } else {
                    try {
                        double low = Double.parseDouble(values.get(0));
                        double high = Double.parseDouble(values.get(1));
                        if (!(low <= high)) {
                            problem(valuesAt, "between's first number must not be above its second");
                        }
                    } catch (NumberFormatException e) {
                        problem(valuesAt, "between takes two numbers");
                    }
                }
            }
            case "exists" -> {
                if (!values.isEmpty()) {
                    problem(valuesAt, "exists takes no value");
                }
            }
            default -> throw new IllegalStateException(operator);
        }
        return problems.size() == before ? Optional.of(new AudienceRule(field, operator, values)) : Optional.empty();
    }

    private Optional<TriggerSpec> trigger(JsonNode node, CampaignKind kind) {
        if (node == null || node.isNull()) {
            if (kind == CampaignKind.AUTORESPONDER) {
                problem("/trigger", "an autoresponder needs a trigger: {\"event\": \"ingest\"} or {\"event\": \"api\"}");
            }
            return Optional.empty();
        }
        if (kind != null && kind != CampaignKind.AUTORESPONDER) {
            problem("/trigger", "only an autoresponder has a trigger");
            return Optional.empty();
        }
        if (!node.isObject()) {
            problem("/trigger", "a trigger is an object: {\"event\": \"ingest\", \"source\": ...}");
            return Optional.empty();
        }
        unknownFields(node, "/trigger", Set.of("event", "source"));
        String event = text(node, "event", "/trigger/event", true);
        String source = text(node, "source", "/trigger/source", false);
        Optional<TriggerSpec.Event> parsed = event == null ? Optional.empty() : TriggerSpec.Event.parse(event);
        if (event != null && parsed.isEmpty()) {
            problem("/trigger/event", "'" + event + "' is not a trigger event: ingest or api");
        }
        if (source != null && parsed.orElse(null) != TriggerSpec.Event.INGEST) {
            problem("/trigger/source", "only an ingest trigger names a source");
        }
        return parsed.map(e -> new TriggerSpec(e, Optional.ofNullable(source)));
    }

    private List<StepDefinition> steps(JsonNode node, CampaignKind kind) {
        if (node == null || node.isNull()) {
            problem("/steps", "a campaign needs at least one step");
            return List.of();
        }
        if (!node.isArray() || node.isEmpty()) {
            problem("/steps", "the steps are a list of at least one step");
            return List.of();
        }
        if (node.size() > MAX_STEPS) {
            problem("/steps", "at most " + MAX_STEPS + " steps, got " + node.size());
            return List.of();
        }
        if (kind == CampaignKind.BROADCAST && node.size() != 1) {
            problem("/steps", "a broadcast has one step (a sequence has several)");
        }
        List<StepDefinition> steps = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            StepDefinition step = step(node.get(i), i, kind);
            if (step != null) {
                steps.add(step);
            }
        }
        return steps;
    }

    private StepDefinition step(JsonNode node, int number, CampaignKind kind) {
        String at = "/steps/" + number;
        if (!node.isObject()) {
            problem(at, "a step is an object: {\"template\": ..., \"version\": ..., \"delay\": ...}");
            return null;
        }
        unknownFields(node, at, STEP);
        String template = text(node, "template", at + "/template", true);
        if (template != null && !ID.matcher(template).matches()) {
            problem(at + "/template", "template key '" + template + "' must be lower-case letters, digits and dashes");
        }
        int version = version(node.get("version"), at + "/version");
        Optional<Duration> delay = Optional.ofNullable(duration(node, "delay", at + "/delay"));
        Optional<LocalDateTime> when = Optional.ofNullable(dateTime(node, "at", at + "/at"));
        if (kind == CampaignKind.BROADCAST && (node.has("delay") || node.has("at"))) {
            problem(at, "a broadcast's step is sent at the campaign's send_at: no delay nor at");
        }
        if (node.has("delay") && node.has("at")) {
            problem(at, "a step has a delay or an absolute date (at), not both");
        }
        Optional<StepCondition> condition = condition(node.get("condition"), number, at + "/condition");
        List<StepVariant> variants = variants(node.get("variants"), at + "/variants");
        Optional<WinnerSpec> winner = winner(node.get("winner"), variants, at + "/winner");
        if (template == null) {
            return null;
        }
        if (delay.isEmpty() && when.isEmpty() && kind != CampaignKind.BROADCAST) {
            delay = Optional.of(Duration.ZERO);
        }
        return new StepDefinition(number, template, version, delay, when, condition, variants, winner);
    }

    /** A pinned version, 1 and up; {@code "shipped"} (or absent) for the template shipped with the engine. */
    private int version(JsonNode node, String at) {
        if (node == null || node.isNull() || (node.isTextual() && node.asText().equals("shipped"))) {
            return 0;
        }
        if (!node.isIntegralNumber() || node.asLong() < 1 || node.asLong() > 1_000_000) {
            problem(at, "version is a whole number from 1, or \"shipped\" for the engine's own template of that key");
            return 0;
        }
        return node.asInt();
    }

    private Optional<StepCondition> condition(JsonNode node, int number, String at) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            problem(at, "a condition is an object: {\"if\": \"not_opened\", \"step\": 1, \"within\": \"3d\"}");
            return Optional.empty();
        }
        unknownFields(node, at, Set.of("if", "step", "within"));
        String kindText = text(node, "if", at + "/if", true);
        Optional<StepCondition.Kind> kind = kindText == null ? Optional.empty() : StepCondition.Kind.parse(kindText);
        if (kindText != null && kind.isEmpty()) {
            problem(at + "/if", "'" + kindText + "' is not a condition: opened, clicked, replied, not_opened, not_clicked, not_replied");
        }
        JsonNode stepNode = node.get("step");
        int step = -1;
        if (stepNode == null || !stepNode.isIntegralNumber()) {
            problem(at + "/step", "the earlier step the condition looks at, counted from 1");
        } else if (stepNode.asInt() < 1 || stepNode.asInt() > number) {
            problem(at + "/step", number == 0 ? "the first step has no earlier step to look at"
                    : "step " + stepNode.asInt() + " is not an earlier step (1 to " + number + ")");
        } else {
            step = stepNode.asInt() - 1;
        }
        Duration within = duration(node, "within", at + "/within");
        if (within == null && !node.has("within")) {
            problem(at + "/within", "how long after that step's message to look, such as 3d");
        }
        if (kind.isEmpty() || step < 0 || within == null) {
            return Optional.empty();
        }
        return Optional.of(new StepCondition(kind.get(), step, within));
    }

    private List<StepVariant> variants(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() < 2 || node.size() > MAX_VARIANTS) {
            problem(at, "variants are a list of 2 to " + MAX_VARIANTS + " arms");
            return List.of();
        }
        List<StepVariant> variants = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int total = 0;
        boolean complete = true;
        for (int i = 0; i < node.size(); i++) {
            JsonNode variant = node.get(i);
            String vat = at + "/" + i;
            if (!variant.isObject()) {
                problem(vat, "a variant is an object: {\"id\": \"a\", \"percent\": 50, \"subject\": ...}");
                complete = false;
                continue;
            }
            unknownFields(variant, vat, Set.of("id", "percent", "template", "version", "subject"));
            String id = text(variant, "id", vat + "/id", true);
            if (id != null && !VARIANT_ID.matcher(id).matches()) {
                problem(vat + "/id", "a variant id is 1-16 lower-case letters, digits and dashes");
            } else if (id != null && !ids.add(id)) {
                problem(vat + "/id", "variant '" + id + "' is named twice");
            }
            JsonNode percent = variant.get("percent");
            if (percent == null || !percent.isIntegralNumber() || percent.asInt() < 1 || percent.asInt() > 99) {
                problem(vat + "/percent", "a variant's share is a whole percent from 1 to 99");
                complete = false;
            } else {
                total += percent.asInt();
            }
            String template = text(variant, "template", vat + "/template", false);
            if (template != null && !ID.matcher(template).matches()) {
                problem(vat + "/template", "template key '" + template + "' must be lower-case letters, digits and dashes");
            }
            int version = version(variant.get("version"), vat + "/version");
            if (variant.has("version") && template == null) {
                problem(vat + "/version", "a version is given with a template");
            }
            String subject = text(variant, "subject", vat + "/subject", false);
            if (subject != null && (subject.isBlank() || subject.length() > 998)) {
                problem(vat + "/subject", "a subject is 1-998 characters");
            }
            if (template == null && subject == null) {
                problem(vat, "a variant differs from the step by its template or its subject");
            }
            if (id != null && percent != null) {
                variants.add(new StepVariant(id, percent.asInt(), Optional.ofNullable(template), version, Optional.ofNullable(subject)));
            }
        }
        if (complete && total != 100) {
            problem(at, "the variants' percents add up to " + total + ", not 100");
        }
        return variants;
    }

    private Optional<WinnerSpec> winner(JsonNode node, List<StepVariant> variants, String at) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            problem(at, "a winner is an object: {\"metric\": \"open_rate\", \"test_share\": 20, \"wait\": \"4h\", ...}");
            return Optional.empty();
        }
        if (variants.isEmpty()) {
            problem(at, "only a step with variants has a winner");
        }
        unknownFields(node, at, Set.of("metric", "test_share", "wait", "min_sample", "confidence", "default"));
        String metricText = text(node, "metric", at + "/metric", true);
        Optional<WinnerSpec.Metric> metric = metricText == null ? Optional.empty() : WinnerSpec.Metric.parse(metricText);
        if (metricText != null && metric.isEmpty()) {
            problem(at + "/metric", "'" + metricText + "' is not a metric: open_rate, click_rate or reply_rate");
        }
        int share = wholeNumber(node, "test_share", at + "/test_share", 20, 1, 90);
        Duration wait = duration(node, "wait", at + "/wait");
        if (wait == null && !node.has("wait")) {
            problem(at + "/wait", "how long after the test sends to decide, such as 4h");
        } else if (wait != null && (wait.compareTo(Duration.ofMinutes(30)) < 0 || wait.compareTo(Duration.ofDays(14)) > 0)) {
            problem(at + "/wait", "wait between 30m and 14d: opens and clicks need time to come in");
        }
        int minimum = wholeNumber(node, "min_sample", at + "/min_sample", 100, 30, 1_000_000);
        double confidence = 0.95;
        JsonNode confidenceNode = node.get("confidence");
        if (confidenceNode != null) {
            if (!confidenceNode.isNumber() || confidenceNode.asDouble() < 0.8 || confidenceNode.asDouble() > 0.999) {
                problem(at + "/confidence", "confidence is a number from 0.8 to 0.999, such as 0.95");
            } else {
                confidence = confidenceNode.asDouble();
            }
        }
        String defaultVariant = text(node, "default", at + "/default", false);
        if (defaultVariant == null && !variants.isEmpty()) {
            defaultVariant = variants.getFirst().id();
        }
        String chosenDefault = defaultVariant;
        if (chosenDefault != null && !variants.isEmpty() && variants.stream().noneMatch(v -> v.id().equals(chosenDefault))) {
            problem(at + "/default", "'" + chosenDefault + "' is not one of the step's variants");
        }
        if (metric.isEmpty() || wait == null || chosenDefault == null) {
            return Optional.empty();
        }
        return Optional.of(new WinnerSpec(metric.get(), share, wait, minimum, confidence, chosenDefault));
    }

    private Optional<SendingWindowSpec> window(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            problem("/window", "a window is an object: {\"days\": \"mon-fri\", \"hours\": \"09:00-17:00\"}");
            return Optional.empty();
        }
        unknownFields(node, "/window", Set.of("days", "hours", "business_days"));
        String days = Optional.ofNullable(text(node, "days", "/window/days", false)).orElse("mon-sun");
        String hours = Optional.ofNullable(text(node, "hours", "/window/hours", false)).orElse("00:00-24:00");
        boolean business = bool(node, "business_days", "/window/business_days", false);
        // Each part checked on its own, so each problem lands on its field.
        try {
            SendingWindow.parse(days, "00:00-24:00", false);
        } catch (IllegalArgumentException e) {
            problem("/window/days", e.getMessage());
        }
        try {
            SendingWindow.parse("mon", hours, false);
        } catch (IllegalArgumentException e) {
            problem("/window/hours", e.getMessage());
        }
        return Optional.of(new SendingWindowSpec(days, hours, business));
    }

    private DailyCaps caps(JsonNode node) {
        if (node == null || node.isNull()) {
            return DailyCaps.NONE;
        }
        if (!node.isObject()) {
            problem("/caps", "caps are an object: {\"per_day\": 5000, \"per_recipient_domain_per_day\": 20}");
            return DailyCaps.NONE;
        }
        unknownFields(node, "/caps", Set.of("per_day", "per_recipient_domain_per_day"));
        int perDay = wholeNumber(node, "per_day", "/caps/per_day", 0, 1, 10_000_000);
        int perDomain = wholeNumber(node, "per_recipient_domain_per_day", "/caps/per_recipient_domain_per_day", 0, 1, 1_000_000);
        return new DailyCaps(perDay == 0 ? OptionalInt.empty() : OptionalInt.of(perDay),
                perDomain == 0 ? OptionalInt.empty() : OptionalInt.of(perDomain));
    }

    private List<LanguageTag> languages(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            problem("/languages", "languages are a list of language tags");
            return List.of();
        }
        List<LanguageTag> languages = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String text = node.get(i).isTextual() ? node.get(i).asText() : null;
            Optional<LanguageTag> tag = LanguageTag.parse(text);
            if (tag.isEmpty()) {
                problem("/languages/" + i, "'" + node.get(i).asText() + "' is not a language tag such as fr, pt-BR or zh-Hant");
            } else if (!languages.contains(tag.get())) {
                languages.add(tag.get());
            }
        }
        return languages;
    }

    private String text(JsonNode node, String field, String at, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problem(at, "'" + field + "' is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            problem(at, "'" + field + "' must be a string");
            return null;
        }
        return value.asText();
    }

    private boolean bool(JsonNode node, String field, String at, boolean fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            problem(at, "'" + field + "' must be true or false");
            return fallback;
        }
        return value.asBoolean();
    }

    private int wholeNumber(JsonNode node, String field, String at, int fallback, int min, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            problem(at, "'" + field + "' must be a whole number from " + min + " to " + max);
            return fallback;
        }
        return value.asInt();
    }

    /** {@code 90s}, {@code 10m}, {@code 6h}, {@code 3d}, {@code 2w} or ISO-8601 ({@code P2DT3H}); 0 to a year. */
    private Duration duration(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        Optional<Duration> parsed = value.isTextual() ? DurationText.parse(value.asText()) : Optional.empty();
        if (parsed.isEmpty()) {
            problem(at, "'" + field + "' is a duration such as 0s, 90m, 36h, 3d, 2w or P2DT3H");
            return null;
        }
        if (parsed.get().compareTo(MAX_DELAY) > 0) {
            problem(at, "'" + field + "' is at most 366 days");
            return null;
        }
        return parsed.get();
    }

    /** A local date and time ({@code 2026-12-10T09:00}), read in each contact's own time zone. */
    private LocalDateTime dateTime(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            if (!value.isTextual()) {
                throw new DateTimeParseException("not text", "", 0);
            }
            return LocalDateTime.parse(value.asText());
        } catch (DateTimeParseException e) {
            problem(at, "'" + field + "' is a local date and time such as 2026-12-10T09:00 (sent at that time in each "
                    + "contact's time zone), without an offset");
            return null;
        }
    }

    private void unknownFields(JsonNode node, String at, Set<String> known) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            if (!known.contains(name)) {
                problem(at + "/" + escape(name), "unknown field '" + name + "' (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private void problem(String pointer, String message) {
        problems.add(new CampaignProblem(pointer, message));
    }
}
