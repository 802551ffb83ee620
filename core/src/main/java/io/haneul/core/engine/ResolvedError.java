package io.haneul.core.engine;

import java.util.Map;

/**
 * An error ready for the wire: its code as the protocol shows it, the model shape it came from
 * (for protocols that name shapes, such as awsJson's {@code __type}), status and fault.
 */
public record ResolvedError(String code, String shapeName, String message, int status, boolean senderFault,
                            Map<String, Object> fields) {
}
