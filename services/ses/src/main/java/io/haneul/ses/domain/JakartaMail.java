package io.haneul.ses.domain;

/**
 * Jakarta Mail 2.1 looks its StreamProvider up with a ServiceLoader scan of the class path on every
 * MimeMessage and body part it creates, which costs more than the rest of composing a message. Naming
 * the provider (the one the scan would find, Angus Mail's) in its system property makes the lookup a
 * class-by-name load instead. Called from the static initializers of the classes that build MIME.
 */
public final class JakartaMail {

    private static final String PROPERTY = "jakarta.mail.util.StreamProvider";

    private JakartaMail() {
    }

    public static void fastStreamProvider() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }
}
