package io.haneul.server;

import java.util.List;

/**
 * What makes {@code ./haneul run} answer sooner, measured on a 2-core machine (bench/startup/run.sh):
 * settings that spare libraries a slow look-up, and the slow one-time set-up of a few libraries done on
 * the second core while the main thread builds the server.
 */
final class StartupShortcuts {

    /**
     * Classes whose static set-up is slow and independent of the server's configuration: Jackson's
     * mapper (its date format initialises the JDK's locale data, ~100 ms), Jetty's MIME table, the XML
     * parser factory the protocol engine creates. Initialising a class twice is impossible: the main thread
     * either finds them ready or waits for the preloading thread to finish them.
     */
    private static final List<String> SLOW_STATIC_SETUP = List.of(
            "com.fasterxml.jackson.databind.ObjectMapper",
            "org.eclipse.jetty.http.MimeTypes",
            "org.eclipse.jetty.http.HttpField",
            "javax.xml.parsers.DocumentBuilderFactory");

    private static final java.util.Map<String, String> JDK_XML_FACTORIES = java.util.Map.of(
            "javax.xml.parsers.DocumentBuilderFactory", "com.sun.org.apache.xerces.internal.jaxp.DocumentBuilderFactoryImpl",
            "javax.xml.parsers.SAXParserFactory", "com.sun.org.apache.xerces.internal.jaxp.SAXParserFactoryImpl",
            "javax.xml.stream.XMLInputFactory", "com.sun.xml.internal.stream.XMLInputFactoryImpl",
            "javax.xml.stream.XMLOutputFactory", "com.sun.xml.internal.stream.XMLOutputFactoryImpl",
            "javax.xml.transform.TransformerFactory", "com.sun.org.apache.xalan.internal.xsltc.trax.TransformerFactoryImpl");

    private StartupShortcuts() {
    }

    /** System properties that spare libraries a slow look-up; a value set on the command line wins. */
    static void applySettings() {
        // named, SLF4J's provider is not looked up through ServiceLoader, which opens every jar of the
        // class path (over 160) for META-INF/services files
        setIfAbsent("slf4j.provider", "org.slf4j.simple.SimpleServiceProvider");
        setIfAbsent("slf4j.internal.verbosity", "WARN"); // no line at every start saying the provider was named
        // the jar's class path is the build's: its list of service modules is complete (ModuleIndex)
        setIfAbsent(io.haneul.server.services.ModuleIndex.USE_LIST, "true");
        // Jetty otherwise starts the platform MBean server (and with it JMX and JFR's diagnostic commands,
        // ~150 ms) only to ask whether references are compressed: 64-byte cache lines hold 16 compressed
        // references (heaps under 32 GiB) or 8 plain ones
        // the JDK's own XML factories, which are what the look-up finds (no jar of the class path offers
        // another): named, no jar is searched for META-INF/services files
        JDK_XML_FACTORIES.forEach(StartupShortcuts::setIfAbsent);
        setIfAbsent("org.eclipse.jetty.util.referencesPerCacheLine",
                Runtime.getRuntime().maxMemory() < 32L * 1024 * 1024 * 1024 ? "16" : "8");
    }

    /** Starts initialising {@link #SLOW_STATIC_SETUP} on a daemon thread; failures are left to the real use. */
    static void preloadInBackground() {
        ClassLoader loader = StartupShortcuts.class.getClassLoader();
        Thread.ofPlatform().daemon().name("haneul-preload").start(() -> {
            for (String name : SLOW_STATIC_SETUP) {
                try {
                    Class.forName(name, true, loader);
                } catch (Throwable ignored) {
                    // the main thread meets the same class and reports what is wrong
                }
            }
            try {
                javax.xml.parsers.DocumentBuilderFactory.newInstance();
                java.util.Calendar.getInstance();
            } catch (Throwable ignored) {
                // as above
            }
        });
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
