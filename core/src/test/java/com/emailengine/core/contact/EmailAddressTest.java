package com.emailengine.core.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "simple@example.com",
            "very.common@example.com",
            "x@example.com",
            "long.email-address-with-hyphens@and.subdomains.example.com",
            "user.name+tag+sorting@example.com",
            "name/surname@example.com",
            "example-indeed@strange-example.com",
            "o'hara@example.ie",
            "#!$%&'*+-/=?^_`{}|~@example.org",
            "user@xn--bcher-kva.example",
            "user@bücher.example",
            "δοκιμή@παράδειγμα.δοκιμή",
            "我買@屋企.香港",
            "用户@例子.广告",
            "UPPER@EXAMPLE.COM",
            "trailing-dot-domain@example.com.",
    })
    void acceptsAddressesSendersCanMail(String address) {
        assertThat(EmailAddress.parse(address).value()).isNotBlank();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|empty",
            "plainaddress|missing_at",
            "a@b@c@example.com|multiple_at",
            "\"john..doe\"@example.org|quoted_local_part",
            "\"very.(),:;<>[]\".VERY.\"very@\\ \"very\".unusual\"@strange.example.com|quoted_local_part",
            "john.doe(comment)@example.com|comment",
            "user@[192.168.2.1]|ip_literal_domain",
            "user@[IPv6:2001:db8::1]|ip_literal_domain",
            ".leading@example.com|invalid_local_part",
            "trailing.@example.com|invalid_local_part",
            "double..dot@example.com|invalid_local_part",
            "space in@example.com|invalid_local_part",
            "back\\slash@example.com|invalid_local_part",
            "user@localhost|single_label_domain",
            "admin@mailserver1|single_label_domain",
            "user@example.123|numeric_tld",
            "user@-example.com|invalid_domain",
            "user@example-.com|invalid_domain",
            "user@exa_mple.com|invalid_domain",
            "user@example..com|invalid_domain",
            "@example.com|empty_local_part",
            "user@|empty_domain",
            "1234567890123456789012345678901234567890123456789012345678901234+x@example.com|local_part_too_long",
    })
    void refusesAddressesWithAStableReason(String address, String reason) {
        assertThatThrownBy(() -> EmailAddress.parse(address))
                .isInstanceOf(InvalidEmailAddressException.class)
                .extracting(e -> ((InvalidEmailAddressException) e).reason()).isEqualTo(reason);
    }

    @Test
    void lowerCasesTheDomainAndKeepsTheLocalPart() {
        EmailAddress address = EmailAddress.parse("  Jane.Doe@Example.COM ");

        assertThat(address.value()).isEqualTo("Jane.Doe@example.com");
        assertThat(address.asciiDomain()).isEqualTo("example.com");
    }

    @Test
    void flagsUtf8LocalPartsAsNeedingSmtpUtf8AndConvertsIdnDomains() {
        EmailAddress address = EmailAddress.parse("josé@bücher.example");

        assertThat(address.needsSmtpUtf8()).isTrue();
        assertThat(address.asciiDomain()).isEqualTo("xn--bcher-kva.example");
        assertThat(address.asciiForm()).isEqualTo("josé@xn--bcher-kva.example");
        assertThat(EmailAddress.parse("jose@bücher.example").needsSmtpUtf8()).isFalse();
    }

    @Test
    void theSamePersonWrittenTwoWaysHasOneHash() {
        assertThat(EmailHash.of(EmailAddress.parse("Jane.Doe@Example.com")))
                .isEqualTo(EmailHash.of(EmailAddress.parse("jane.doe@example.COM")));
        assertThat(EmailHash.of(EmailAddress.parse("jane@bücher.example")))
                .isEqualTo(EmailHash.of(EmailAddress.parse("jane@xn--bcher-kva.example")));
        assertThat(EmailHash.of(EmailAddress.parse("jane+news@example.com")))
                .isNotEqualTo(EmailHash.of(EmailAddress.parse("jane@example.com")));
    }
}
