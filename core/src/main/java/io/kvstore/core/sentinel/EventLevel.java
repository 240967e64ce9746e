package io.kvstore.core.sentinel;

/** Log levels of Sentinel events; DEBUG events are logged but never published. */
public enum EventLevel { DEBUG, VERBOSE, NOTICE, WARNING }
