package io.haneul.ses.domain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SenderAddressesTest {

    @Test
    void sourceReturnPathAndEveryFromSenderAndReturnPathHeaderAddressAreChecked() {
        RawMessage raw = RawMessage.parse(("From: \"A\" <a@one.example>, b@two.example\r\nSender: s@three.example\r\n"
                + "Return-Path: <>\r\nReturn-Path: <r@four.example>\r\nReply-To: anyone@else.example\r\n\r\nbody").getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("src@one.example", "bounce@five.example", "a@one.example", "b@two.example", "s@three.example",
                "r@four.example"), SenderAddresses.of("src@one.example", raw, "Bounce <bounce@five.example>"));
        assertEquals(List.of("src@one.example"), SenderAddresses.of("src@one.example", null, null));
    }
}
