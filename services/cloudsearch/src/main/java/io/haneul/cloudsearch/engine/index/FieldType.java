package io.haneul.cloudsearch.engine.index;

/** The value types of index fields; each has a single-valued and an {@code -array} form. */
public enum FieldType {
    INT, DOUBLE, DATE, LATLON, LITERAL, TEXT;

    public boolean numeric() {
        return this == INT || this == DOUBLE || this == DATE;
    }
}
