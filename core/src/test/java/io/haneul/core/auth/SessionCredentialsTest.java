package io.haneul.core.auth;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionCredentialsTest {

    static final Instant T0 = Instant.parse("2026-12-07T06:00:00Z");

    /** A clock the test moves. */
    static Clock movable(AtomicReference<Instant> now) {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
    }

    @Test
    void sessionsAreFoundUntilTheyExpireAndTheFileComesFirst() {
        AtomicReference<Instant> now = new AtomicReference<>(T0);
        SessionCredentials sessions = new SessionCredentials(movable(now));
        Credentials session = new Credentials("ASIAEXAMPLE", "s", "111111111111", "token");
        sessions.add(session, T0.plus(Duration.ofHours(1)));
        CredentialsStore both = sessions.after(CredentialsStore.of(new Credentials("AKIDFILE", "f", "222222222222")));

        assertEquals(session, both.find("ASIAEXAMPLE").orElseThrow());
        assertEquals("222222222222", both.find("AKIDFILE").orElseThrow().accountId());
        now.set(T0.plus(Duration.ofHours(1)));
        assertTrue(both.find("ASIAEXAMPLE").isEmpty(), "expired");
        assertThrows(IllegalArgumentException.class, () -> sessions.add(new Credentials("ASIANOTOKEN", "s", "111111111111"), T0));
    }

    @Test
    void sessionsForSomeServicesAreUnknownToTheOthers() {
        SessionCredentials sessions = new SessionCredentials(Clock.fixed(T0, ZoneOffset.UTC));
        Credentials express = new Credentials("ASIAEXPRESS", "s", "111111111111", "token");
        sessions.add(express, T0.plus(Duration.ofMinutes(5)), java.util.Set.of("s3", "s3express"));
        CredentialsStore both = sessions.after(CredentialsStore.of(new Credentials("AKIDFILE", "f", "222222222222")));

        assertEquals(express, both.find("ASIAEXPRESS", "s3express").orElseThrow());
        assertEquals(express, both.find("ASIAEXPRESS", "s3").orElseThrow());
        assertTrue(both.find("ASIAEXPRESS", "sts").isEmpty(), "sts");
        assertTrue(both.find("ASIAEXPRESS", "sqs").isEmpty(), "sqs");
        assertEquals("222222222222", both.find("AKIDFILE", "sqs").orElseThrow().accountId());
    }

    @Test
    void anAccountHoldsAtMostItsLimitOfLiveSessionsAndExpiredOnesStopCounting() {
        AtomicReference<Instant> now = new AtomicReference<>(T0);
        SessionCredentials sessions = new SessionCredentials(movable(now));
        Instant hour = T0.plus(Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            assertTrue(sessions.addLimited(new Credentials("ASIAA" + i, "s", "111111111111", "t" + i), hour, 3));
        }
        assertEquals(false, sessions.addLimited(new Credentials("ASIAA3", "s", "111111111111", "t3"), hour, 3));
        assertTrue(sessions.find("ASIAA3").isEmpty(), "a refused session is not accepted");
        assertTrue(sessions.addLimited(new Credentials("ASIAB0", "s", "222222222222", "u"), hour, 3), "another account has its own limit");
        now.set(hour.plusSeconds(1));
        assertTrue(sessions.addLimited(new Credentials("ASIAA4", "s", "111111111111", "t4"), hour.plus(Duration.ofHours(1)), 3),
                "expired sessions no longer count");
        assertEquals("111111111111", sessions.find("ASIAA4").orElseThrow().accountId());
    }
}
