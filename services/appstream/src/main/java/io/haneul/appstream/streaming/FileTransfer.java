package io.haneul.appstream.streaming;

import java.util.Map;

/**
 * When the viewer's file transfer is offered: the stack's FILE_UPLOAD or FILE_DOWNLOAD user setting
 * allows it (AWS's default when the stack names none: enabled), and the session runs as a pool user
 * of its own. Without root there is no such user: the session's "home" is Haneul's own (its SSH and
 * AWS keys, its data folder), which no viewer may read or write.
 */
final class FileTransfer {

    static final String UPLOAD = "FILE_UPLOAD";
    static final String DOWNLOAD = "FILE_DOWNLOAD";

    private FileTransfer() {
    }

    /**
     * @param userSettings the stack's user settings (action to enabled), or null
     * @param isolated     true when sessions run as pool users of their own ({@link SessionUsers.OsUser#switched})
     */
    static boolean allowed(Map<String, Boolean> userSettings, String action, boolean isolated) {
        return isolated && (userSettings == null || userSettings.getOrDefault(action, true));
    }
}
