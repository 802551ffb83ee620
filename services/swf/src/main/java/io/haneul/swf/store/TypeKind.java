package io.haneul.swf.store;

/** Workflow or activity type; the names are how AWS's messages spell them. */
public enum TypeKind {
    WorkflowType, ActivityType
}
