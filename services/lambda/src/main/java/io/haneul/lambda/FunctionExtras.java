package io.haneul.lambda;

/**
 * The parts behind the last of Lambda's operations (InvokeWithResponseStream, InvokeAsync, code
 * signing configs, recursion, runtime management and scaling configs), handed to the provider as one.
 */
record FunctionExtras(CodeSigningService codeSigning, FunctionSettingsService settings, ResponseStreams streams,
                      InvokeAsyncRoute invokeAsync) {
}
