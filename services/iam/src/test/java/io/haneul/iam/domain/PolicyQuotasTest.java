package io.haneul.iam.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PolicyQuotasTest {

    @Test
    void whiteSpaceDoesNotCount() {
        assertEquals(4, PolicyQuotas.size(" {\n\t\"\" } "));
        assertDoesNotThrow(() -> PolicyQuotas.checkTrustPolicy("x".repeat(2048) + " ".repeat(5000)));
    }

    @Test
    void eachQuotaAnswersLimitExceededWithAwsWording() {
        assertEquals("Cannot exceed quota for ACLSizePerRole: 2048",
                limit(() -> PolicyQuotas.checkTrustPolicy("x".repeat(2049))));
        assertEquals("Cannot exceed quota for PolicySize: 6144",
                limit(() -> PolicyQuotas.checkManagedPolicy("x".repeat(6145))));
        assertEquals("Maximum policy size of 10240 bytes exceeded for role r",
                limit(() -> PolicyQuotas.checkRoleInlinePolicies("r", List.of("x".repeat(6000), "y".repeat(4241)))));
    }

    private static String limit(Runnable check) {
        IamException e = assertThrows(IamException.class, check::run);
        assertEquals(IamError.LimitExceeded, e.error());
        return e.getMessage();
    }
}
