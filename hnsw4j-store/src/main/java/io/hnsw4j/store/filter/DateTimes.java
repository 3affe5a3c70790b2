package io.hnsw4j.store.filter;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Date-times of payloads and range bounds, as microseconds since the epoch (UTC), Qdrant's
 * precision. Accepted forms: RFC 3339 ({@code 2024-02-15T10:30:00Z}, with an offset, fractions of
 * a second), the same with a space for the {@code T}, without an offset (read as UTC), and a bare
 * date (midnight UTC).
 */
public final class DateTimes {
  private DateTimes() {}

  /** The instant in microseconds, or null if {@code text} is not a date-time. */
  public static Long parseMicros(String text) {
    if (text == null || text.length() < 10 || text.length() > 64) {
      return null;
    }
    String t = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
    try {
      return micros(OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeParseException e) {
      // try the forms without an offset
    }
    try {
      return micros(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      // try a bare date
    }
    try {
      return micros(LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** RFC 3339 text of an instant in microseconds, in UTC. */
  public static String format(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS).toString();
  }

  private static long micros(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
  }
}
