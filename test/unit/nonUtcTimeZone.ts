// The whole unit tier runs in a time zone that is not UTC (and has daylight saving), so code that
// reads a server timestamp as local time fails here instead of only on users' machines: the
// server's times are UTC, with or without a "Z". Node applies a TZ assigned at run time at once.
process.env.TZ = 'America/New_York';
