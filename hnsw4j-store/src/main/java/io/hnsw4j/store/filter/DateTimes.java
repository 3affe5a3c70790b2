package io.hnsw4j.store.filter;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * Date-times of payloads and range bounds, as microseconds since the epoch (UTC), Qdrant's
 * precision. Accepted forms: RFC 3339 ({@code 2024-02-15T10:30:00Z}, with an offset, fractions of
 * a second), the same with a space for the {@code T}, without an offset (read as UTC), and a bare
 * date (midnight UTC).
 */
public final class DateTimes {
  private static final String TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?";
  private static final Pattern ZONED = Pattern.compile(TIME + "([Zz]|[+-]\\d{2}:\\d{2})");
  private static final Pattern LOCAL = Pattern.compile(TIME);

  private DateTimes() {}

  /** The instant in microseconds, or null if {@code text} is not a date-time. */
  public static Long parseMicros(String text) {
    if (text == null || text.length() < 10 || text.length() > 64 || !isDate(text, 0)) {
      return null;
    }
    try {
      if (text.length() == 10) {
        return micros(LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC));
      }
      char sep = text.charAt(10);
      if (sep != 'T' && sep != 't' && sep != ' ') {
        return null;
      }
      String t = text.substring(0, 10) + 'T' + text.substring(11);
      // Checking the shape first spares the exceptions a failed parse costs (filters run this per value).
      if (ZONED.matcher(t).matches()) {
        return micros(OffsetDateTime.parse(t).toInstant());
      }
      if (LOCAL.matcher(t).matches()) {
        return micros(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
      }
      return null;
    } catch (DateTimeParseException | ArithmeticException e) {
      return null; // the right shape, but not a real date (month 13, a 30th of February)
    }
  }

  private static boolean isDate(String s, int at) {
    for (int i = 0; i < 10; i++) {
      char c = s.charAt(at + i);
      boolean ok = i == 4 || i == 7 ? c == '-' : c >= '0' && c <= '9';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** RFC 3339 text of an instant in microseconds, in UTC. */
  public static String format(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS).toString();
  }

  private static long micros(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
  }
}
