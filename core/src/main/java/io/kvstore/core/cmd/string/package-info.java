/**
 * The string command family: GET/SET and their variants, multi-key MGET/MSET, APPEND and ranges,
 * integer and float counters. Each command is one class; the shared pieces are the SET/GETEX
 * option grammar ({@code StringOptions}), the SET write path and its
 * propagation rewrites ({@code StringWrites}), the integer counter ({@code Counter}) and the
 * x87 extended-precision arithmetic of INCRBYFLOAT ({@code ExtendedFloat}).
 */
package io.kvstore.core.cmd.string;
