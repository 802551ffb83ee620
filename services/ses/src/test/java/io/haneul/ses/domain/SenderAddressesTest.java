package io.haneul.ses.domain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SenderAddressesTest {

    @Test
    void sourceReturnPathAndEveryFromSenderAndReturnPathHeaderAddressAreChecked() {
        RawMessage raw = RawMessage.parse(("From: \"A\" <a@one.example>, b@two.example\r\nSender: s@three.example\r\n"
                + "Return-Path: <>\r\nReturn-Path: <r@four.example>\r\nReply-To: anyone@else.example\r\n\r\nbody").getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("src@one.example", "bounce@five.example", "a@one.example", "b@two.example", "s@three.example",
                "r@four.example"), SenderAddresses.of("src@one.example", raw, "Bounce <bounce@five.example>"));
        assertEquals(List.of("src@one.example"), SenderAddresses.of("src@one.example", null, null));
    }

    @Test
    void aFromHeaderThatParsesTwoWaysIsRefusedNotGuessed() {
        for (String from : List.of("ceo@victim.com me@mine.com", "ceo@victim.com\t me@mine.com", "=?utf-8?b?Y2VvQHZpY3RpbS5jb20=?=",
                "me@mine.com <")) {
            RawMessage raw = RawMessage.parse(("From: " + from + "\r\n\r\nbody").getBytes(StandardCharsets.UTF_8));
            SesException e = assertThrows(SesException.class, () -> SenderAddresses.of("me@mine.com", raw, null), from);
            assertEquals("MessageRejected", e.v1());
        }
    }

    @Test
    void groupsAndDisplayNamesYieldTheirMailboxes() {
        RawMessage raw = RawMessage.parse(("From: Team: a@mine.com, \"ceo@victim.com\" <b@mine.com>;, =?utf-8?q?Me?= <c@mine.com>\r\n"
                + "\r\nbody").getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("me@mine.com", "a@mine.com", "b@mine.com", "c@mine.com"), SenderAddresses.of("me@mine.com", raw, null));
    }
}
