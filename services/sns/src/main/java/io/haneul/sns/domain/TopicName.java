package io.haneul.sns.domain;

/** Topic names: 1 to 256 of [A-Za-z0-9_-]; FIFO topics end in {@code .fifo} and are created with FifoTopic=true. */
public final class TopicName {

    private TopicName() {
    }

    /** Checks the name against the FifoTopic attribute; returns whether the topic is FIFO. */
    public static boolean validate(String name, String fifoAttribute) {
        boolean fifo = "true".equalsIgnoreCase(fifoAttribute);
        if (fifoAttribute != null && !fifo && !"false".equalsIgnoreCase(fifoAttribute)) {
            throw SnsException.invalidParameter("Attributes Reason: FifoTopic: Invalid value [" + fifoAttribute + "]");
        }
        boolean fifoName = name != null && name.endsWith(".fifo");
        String base = fifoName ? name.substring(0, name.length() - 5) : name;
        if (base == null || !base.matches("[A-Za-z0-9_-]{1,256}") || name.length() > 256) {
            throw SnsException.invalidParameter("Topic Name");
        }
        if (fifo != fifoName) {
            throw SnsException.invalidParameter("Fifo Topic names must end with .fifo and they must be created with the FifoTopic attribute set to true"
                    + (fifoName ? "" : ", and standard topic names cannot end with .fifo"));
        }
        return fifo;
    }
}
