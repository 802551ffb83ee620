package io.haneul.ses.smtp;

import java.nio.file.Path;

/**
 * How the SMTP listener runs.
 *
 * @param host            address to bind (null or blank: all)
 * @param port            port (0: any free port)
 * @param requireTls      STARTTLS before anything else (530 "Must issue a STARTTLS command first"), and AUTH not
 *                        offered before it, so that credentials never cross the network in clear text
 * @param maxMessageBytes largest DATA accepted (552 beyond)
 * @param spoolDir        where DATA is streamed while it arrives
 * @param memoryBytes     bytes of messages processed in memory at once (452 when a message does not fit now)
 */
public record SmtpOptions(String host, int port, boolean requireTls, long maxMessageBytes, Path spoolDir,
                          long memoryBytes) {
}
