package io.haneul.core.validation;

/**
 * Where a value sits in a request, in the two spellings errors use: Coral's member path
 * ({@code entries.1.member.id}, lower camel case) and the wire name a query client sent
 * ({@code Entries.member.1.Id}). Built only while descending into values.
 *
 * @param parent   the enclosing path; null for a top-level member
 * @param name     this segment as Coral prints it
 * @param wireName this segment as the query protocol names it
 */
record Path(Path parent, String name, String wireName) {

    String render() {
        if (parent == null) {
            return name;
        }
        StringBuilder sb = new StringBuilder(32);
        append(sb, false);
        return sb.toString();
    }

    String renderWire() {
        if (parent == null) {
            return wireName;
        }
        StringBuilder sb = new StringBuilder(32);
        append(sb, true);
        return sb.toString();
    }

    private void append(StringBuilder sb, boolean wire) {
        if (parent != null) {
            parent.append(sb, wire);
            sb.append('.');
        }
        sb.append(wire ? wireName : name);
    }

    /** Coral's spelling of a model member name: its first letter in lower case ({@code QueueUrl} to {@code queueUrl}). */
    static String coralName(String memberName) {
        if (memberName.isEmpty() || Character.isLowerCase(memberName.charAt(0))) {
            return memberName;
        }
        return Character.toLowerCase(memberName.charAt(0)) + memberName.substring(1);
    }
}
