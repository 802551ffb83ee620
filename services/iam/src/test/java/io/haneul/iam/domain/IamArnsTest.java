package io.haneul.iam.domain;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IamArnsTest {

    @Test
    void arnsHaveNoRegionAndKeepThePath() {
        assertEquals("arn:aws:iam::123456789012:role/service-role/exec", IamArns.role("123456789012", "/service-role/", "exec"));
        assertEquals("arn:aws:iam::123456789012:instance-profile/web", IamArns.instanceProfile("123456789012", "/", "web"));
    }

    @Test
    void policyArnsParseIntoOwnerPathAndName() {
        assertEquals(new IamArns.Parsed("aws", "/service-role/", "AWSLambdaRole"),
                IamArns.parsePolicy("arn:aws:iam::aws:policy/service-role/AWSLambdaRole").orElseThrow());
        assertEquals(new IamArns.Parsed("123456789012", "/", "p"), IamArns.parsePolicy("arn:aws:iam::123456789012:policy/p").orElseThrow());
        assertTrue(IamArns.parsePolicy("arn:aws:iam::123456789012:role/p").isEmpty());
        assertTrue(IamArns.parseRole("arn:aws:iam::12345:role/r").isEmpty());
    }

    @Test
    void idsCarryTheirKindsPrefixAndSeventeenCharacters() {
        IamIds ids = new IamIds(new Random(7));
        assertTrue(ids.role().matches("AROA[A-Z0-9]{17}"));
        assertTrue(ids.policy().matches("ANPA[A-Z0-9]{17}"));
        assertTrue(ids.instanceProfile().matches("AIPA[A-Z0-9]{17}"));
    }
}
