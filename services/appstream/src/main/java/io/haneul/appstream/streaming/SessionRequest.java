package io.haneul.appstream.streaming;

import java.util.List;
import java.util.Map;

/**
 * What CreateStreamingURL asks for. {@code applications} are the launch commands the image (or the
 * fleet's associated applications) names; {@code applicationId} picks the one to start, null for the
 * image's default. Timeouts are the fleet's, in seconds (0 where AWS means "none").
 */
public record SessionRequest(
        String account,
        String region,
        String stackName,
        String fleetName,
        String fleetArn,
        String userId,
        String applicationId,
        List<Launch> applications,
        String sessionContext,
        int maxUserDurationSeconds,
        int disconnectTimeoutSeconds,
        int idleDisconnectTimeoutSeconds,
        int maxConcurrentSessions,
        List<String> embedHostDomains,
        Map<String, Boolean> userSettings) {

    /** An application as AWS's Application shape: Name, LaunchPath, LaunchParameters, WorkingDirectory. */
    public record Launch(String name, String launchPath, String launchParameters, String workingDirectory) {
    }
}
