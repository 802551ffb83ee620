package io.haneul.ses;

/** A provider backed by the shared {@link SesRuntime}; internal routes reach the runtime through it. */
interface SesRuntimeHolder {
    SesRuntime runtime();
}
