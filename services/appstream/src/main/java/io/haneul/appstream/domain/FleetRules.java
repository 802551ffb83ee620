package io.haneul.appstream.domain;

/**
 * What AWS accepts in a fleet's settings: the fleet type's capacity rules (ON_DEMAND and ALWAYS_ON
 * need ComputeCapacity; ELASTIC needs MaxConcurrentSessions and a Platform and takes no
 * ComputeCapacity), session timeouts in AWS's ranges, and AppStream's instance type names.
 */
public final class FleetRules {

    public static final int MIN_USER_DURATION = 600;
    public static final int MAX_USER_DURATION = 432_000;
    public static final int MIN_DISCONNECT = 60;
    public static final int MAX_DISCONNECT = 36_000;
    public static final int MIN_IDLE = 60;
    public static final int MAX_IDLE = 3_600;
    /** AWS's defaults: 16 hours of streaming, 15 minutes to reconnect, no idle disconnect. */
    public static final int DEFAULT_USER_DURATION = 57_600;
    public static final int DEFAULT_DISCONNECT = 900;

    private FleetRules() {
    }

    /** Checks a create: the type's capacity rules, then the common settings. */
    public static void checkCreate(String type, Integer desiredInstances, Integer desiredSessions, boolean hasCapacity,
                                   Integer maxConcurrentSessions, String platform) {
        if ("ELASTIC".equals(type)) {
            if (hasCapacity) {
                throw AppStreamException.combination("ComputeCapacity is not supported for Elastic fleets.");
            }
            if (maxConcurrentSessions == null) {
                throw AppStreamException.combination("MaxConcurrentSessions is required for Elastic fleets.");
            }
            if (platform == null) {
                throw AppStreamException.combination("Platform is required for Elastic fleets.");
            }
        } else {
            if (!hasCapacity || (desiredInstances == null && desiredSessions == null)) {
                throw AppStreamException.combination("ComputeCapacity is required for Always-On and On-Demand fleets.");
            }
            if (maxConcurrentSessions != null) {
                throw AppStreamException.combination("MaxConcurrentSessions is only supported for Elastic fleets.");
            }
        }
        checkCapacity(desiredInstances, desiredSessions);
    }

    public static void checkCapacity(Integer desiredInstances, Integer desiredSessions) {
        if (desiredInstances != null && desiredSessions != null) {
            throw AppStreamException.combination("Only one of DesiredInstances or DesiredSessions can be specified.");
        }
        if (desiredInstances != null && desiredInstances < 0 || desiredSessions != null && desiredSessions < 0) {
            throw AppStreamException.combination("The desired capacity must not be negative.");
        }
    }

    public static void checkTimeouts(Integer maxUserDuration, Integer disconnect, Integer idle) {
        if (maxUserDuration != null && (maxUserDuration < MIN_USER_DURATION || maxUserDuration > MAX_USER_DURATION)) {
            throw AppStreamException.combination("MaxUserDurationInSeconds must be between " + MIN_USER_DURATION + " and "
                    + MAX_USER_DURATION + " seconds.");
        }
        if (disconnect != null && (disconnect < MIN_DISCONNECT || disconnect > MAX_DISCONNECT)) {
            throw AppStreamException.combination("DisconnectTimeoutInSeconds must be between " + MIN_DISCONNECT + " and "
                    + MAX_DISCONNECT + " seconds.");
        }
        if (idle != null && idle != 0 && (idle < MIN_IDLE || idle > MAX_IDLE)) {
            throw AppStreamException.combination("IdleDisconnectTimeoutInSeconds must be 0 or between " + MIN_IDLE + " and "
                    + MAX_IDLE + " seconds.");
        }
    }

    public static void checkInstanceType(String instanceType) {
        if (instanceType != null && !instanceType.matches("stream\\.[a-z0-9-]+\\.[a-z0-9]+")) {
            throw AppStreamException.combination("The instance type " + instanceType + " is not valid.");
        }
    }
}
