package io.haneul.rekognition.store;

/**
 * A stream processor as stored: its definition (the Create request's JSON as updated since), status,
 * the session of its last start and, for a label-detection session, when it stops by itself.
 */
public record StreamProcessorRow(String name, String definition, String status, String statusMessage, String sessionId,
                                 Long stopAtMs, long createdMs, long updatedMs) {
}
