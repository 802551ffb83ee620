package io.haneul.cloudsearch;

/** The configuration API (cloudsearch-2013-01-01): SDK shapes in and out, rules in the services it calls. */
public final class CloudSearchProvider {
}
