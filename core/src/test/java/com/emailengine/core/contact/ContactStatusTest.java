package com.emailengine.core.contact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContactStatusTest {

    @Test
    void movesForwardThroughTheLifecycle() {
        assertThat(ContactStatus.VALID.mayBecome(ContactStatus.ENROLLED)).isTrue();
        assertThat(ContactStatus.ENROLLED.mayBecome(ContactStatus.SENT)).isTrue();
        assertThat(ContactStatus.SENT.mayBecome(ContactStatus.BOUNCED)).isTrue();
        assertThat(ContactStatus.SENT.mayBecome(ContactStatus.UNSUBSCRIBED)).isTrue();
    }

    @Test
    void neverMovesBackwardsOrRepeats() {
        assertThat(ContactStatus.SENT.mayBecome(ContactStatus.ENROLLED)).isFalse();
        assertThat(ContactStatus.SENT.mayBecome(ContactStatus.SENT)).isFalse();
        assertThat(ContactStatus.BOUNCED.mayBecome(ContactStatus.SENT)).isFalse();
        assertThat(ContactStatus.UNSUBSCRIBED.mayBecome(ContactStatus.ENROLLED)).isFalse();
    }

    @Test
    void aTerminalStateIsNotLeftSideways() {
        assertThat(ContactStatus.BOUNCED.mayBecome(ContactStatus.UNSUBSCRIBED)).isFalse();
        assertThat(ContactStatus.VALID.mayBecome(ContactStatus.RISKY)).isTrue();
    }

    @Test
    void onlyNonTerminalContactsAreMailable() {
        assertThat(ContactStatus.SENT.mailable()).isTrue();
        assertThat(ContactStatus.COMPLAINED.mailable()).isFalse();
        assertThat(ContactStatus.INVALID.mailable()).isFalse();
    }
}
