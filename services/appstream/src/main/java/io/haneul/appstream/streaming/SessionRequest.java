package io.haneul.appstream.streaming;

import java.util.List;
import java.util.Map;

/**
 * What CreateStreamingURL asks for. {@code applications} are the launch commands the image (or the
 * fleet's associated applications) names; {@code applicationId} picks the one to start, null for the
 * image's default. Timeouts are the fleet's, in seconds (0 where AWS means "none"). {@code homeFolder}
 * is where the user's home folder is kept between sessions (the stack's HOMEFOLDERS storage
 * connector), null when the stack has none.
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
        Map<String, Boolean> userSettings,
        HomeFolder homeFolder) {

    /** A request whose stack keeps no home folder. */
    public SessionRequest(String account, String region, String stackName, String fleetName, String fleetArn, String userId,
                          String applicationId, List<Launch> applications, String sessionContext, int maxUserDurationSeconds,
                          int disconnectTimeoutSeconds, int idleDisconnectTimeoutSeconds, int maxConcurrentSessions,
                          List<String> embedHostDomains, Map<String, Boolean> userSettings) {
        this(account, region, stackName, fleetName, fleetArn, userId, applicationId, applications, sessionContext, maxUserDurationSeconds,
                disconnectTimeoutSeconds, idleDisconnectTimeoutSeconds, maxConcurrentSessions, embedHostDomains, userSettings, null);
    }

    /** An application as AWS's Application shape: Name, LaunchPath, LaunchParameters, WorkingDirectory. */
    public record Launch(String name, String launchPath, String launchParameters, String workingDirectory) {
    }
}
