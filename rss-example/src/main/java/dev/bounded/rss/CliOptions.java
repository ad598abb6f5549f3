package dev.bounded.rss;

import dev.bounded.rss.internal.SafeText;
import dev.bounded.rss.internal.Sizes;

/** The command line of {@link Main}, parsed. */
final class CliOptions {
  boolean help;
  boolean jsonl;
  boolean lenient;
  boolean progress;
  boolean strict;
  boolean warnings;
  String base;
  String contentType;
  long maxBytes = FeedLimits.DEFAULT_XML_LIMITS.maxBytes();
  long maxItems = FeedLimits.UNLIMITED;
  long maxFieldLength = FeedLimits.DEFAULT_MAX_FIELD_LENGTH;
  long generate = -1;
  String file;

  static CliOptions parse(String[] args) {
    CliOptions o = new CliOptions();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String value = null;
      if (a.startsWith("--") && a.indexOf('=') > 0) {
        value = a.substring(a.indexOf('=') + 1);
        a = a.substring(0, a.indexOf('='));
      }
      switch (a) {
        case "--help":
        case "-h":
          o.help = true;
          break;
        case "--lenient-entities":
          o.lenient = true;
          break;
        case "--progress":
          o.progress = true;
          break;
        case "--strict":
          o.strict = true;
          break;
        case "--tolerant":
          o.strict = false;
          break;
        case "--warnings":
          o.warnings = true;
          break;
        case "--base":
          o.base = value != null ? value : arg(args, ++i, a);
          break;
        case "--content-type":
          o.contentType = value != null ? value : arg(args, ++i, a);
          break;
        case "--format":
          {
            String f = value != null ? value : arg(args, ++i, a);
            if (!f.equals("tsv") && !f.equals("jsonl")) {
              throw new IllegalArgumentException(
                  "--format must be tsv or jsonl: " + SafeText.terminal(f));
            }
            o.jsonl = f.equals("jsonl");
            break;
          }
        case "--max-bytes":
          o.maxBytes = Sizes.parse(value != null ? value : arg(args, ++i, a));
          break;
        case "--max-items":
          o.maxItems = count(value != null ? value : arg(args, ++i, a), a);
          break;
        case "--max-field-length":
          o.maxFieldLength = count(value != null ? value : arg(args, ++i, a), a);
          break;
        case "--generate":
          o.generate = Sizes.parse(value != null ? value : arg(args, ++i, a));
          if (o.generate == Long.MAX_VALUE) {
            throw new IllegalArgumentException("--generate needs a finite size");
          }
          break;
        default:
          if (a.startsWith("-") && !a.equals("-")) {
            throw new IllegalArgumentException("unknown option: " + SafeText.terminal(a));
          }
          if (o.file != null) {
            throw new IllegalArgumentException("more than one FILE: " + SafeText.terminal(a));
          }
          o.file = a;
      }
    }
    if (!o.help && o.generate < 0 && o.file == null) {
      throw new IllegalArgumentException("no FILE given (use - for standard input)");
    }
    return o;
  }

  private static String arg(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static long count(String s, String option) {
    String t = s.strip();
    if (t.equalsIgnoreCase("unlimited")) {
      return FeedLimits.UNLIMITED;
    }
    if (t.isEmpty() || t.length() > 18 || !t.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException(
          option + " must be a number or unlimited: " + SafeText.terminal(s));
    }
    return Long.parseLong(t);
  }
}
