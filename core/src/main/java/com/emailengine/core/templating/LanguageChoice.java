package com.emailengine.core.templating;

/**
 * Which variant of a template a recipient got, and why: the contact's exact language ({@code pt-BR}), its base
 * language ({@code pt}), the tenant's default language, or the language the template was written in.
 */
public record LanguageChoice(LanguageTag language, Reason reason) {

    public enum Reason { EXACT, BASE_LANGUAGE, TENANT_DEFAULT, TEMPLATE_DEFAULT }

    /**
     * The variant to use among {@code available}: contact exact, contact base, tenant default (exact, then base),
     * template default.
     *
     * @param contact       the contact's language, or null when unknown
     * @param tenantDefault the tenant's default language, or null
     */
    static LanguageChoice choose(java.util.function.Predicate<LanguageTag> available, LanguageTag contact,
                                 LanguageTag tenantDefault, LanguageTag templateDefault) {
        if (contact != null) {
            if (available.test(contact)) {
                return new LanguageChoice(contact, Reason.EXACT);
            }
            if (available.test(contact.base())) {
                return new LanguageChoice(contact.base(), Reason.BASE_LANGUAGE);
            }
        }
        if (tenantDefault != null) {
            if (available.test(tenantDefault)) {
                return new LanguageChoice(tenantDefault, Reason.TENANT_DEFAULT);
            }
            if (available.test(tenantDefault.base())) {
                return new LanguageChoice(tenantDefault.base(), Reason.TENANT_DEFAULT);
            }
        }
        return new LanguageChoice(templateDefault, Reason.TEMPLATE_DEFAULT);
    }
}
