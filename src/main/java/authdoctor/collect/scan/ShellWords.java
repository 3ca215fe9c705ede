package authdoctor.collect.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Splits a start command into words as a POSIX shell would before expansion (POSIX.1-2017 XCU §2.3,
 * token recognition): single quotes keep everything, double quotes and backslashes escape, and a {@code
 * $(…)} substitution stays one word with its parentheses balanced. The script of {@code sh -c '…'} is
 * split in turn, so the programs it starts are seen. Never throws: an unclosed quote ends at the end.
 */
final class ShellWords {
  /** {@code NAME=value} at the start of a word (a variable assignment, XCU §2.9.1). */
  private static final Pattern ASSIGNMENT = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)=(.*)$", Pattern.DOTALL);
  /** Words kept per command: a command line longer than this is not a start command. */
  static final int MAX_WORDS = 2000;

  private ShellWords() {}

  /** The words of {@code command}, with the script of every {@code sh -c} after it. */
  static List<String> split(String command) {
    List<String> out = new ArrayList<>();
    splitInto(command, out, 0);
    return out;
  }

  private static void splitInto(String command, List<String> out, int depth) {
    List<String> words = words(command);
    for (int i = 0; i < words.size() && out.size() < MAX_WORDS; i++) {
      out.add(words.get(i));
      boolean shell = i > 0 && words.get(i).equals("-c") && words.get(i - 1).matches("(?:.*/)?(?:ba|da|z)?sh");
      if (shell && i + 1 < words.size() && depth < 3) {
        out.add(";");
        splitInto(words.get(++i), out, depth + 1);
      }
    }
  }

  /** One level of words: {@code ;}, {@code &&}, {@code ||} and {@code |} are words of their own. */
  static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'' ) {
        int end = s.indexOf('\'', i + 1);
        if (end < 0) end = s.length();
        w.append(s, i + 1, end);
        i = end;
        inWord = true;
      } else if (c == '"') {
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != '"') {
          if (s.charAt(j) == '\\' && j + 1 < s.length()) j++;
          else if (s.charAt(j) == '$' && j + 1 < s.length() && s.charAt(j + 1) == '(') {
            int end = substitutionEnd(s, j);
            w.append(s, j, end);
            j = end;
            continue;
          }
          w.append(s.charAt(j));
          j++;
        }
        i = j;
        inWord = true;
      } else if (c == '\\' && i + 1 < s.length()) {
        if (s.charAt(i + 1) != '\n') w.append(s.charAt(i + 1));
        i++;
        inWord = true;
      } else if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '(') {
        int end = substitutionEnd(s, i);
        w.append(s, i, end);
        i = end - 1;
        inWord = true;
      } else if (Character.isWhitespace(c) || c == ';' || c == '&' || c == '|') {
        if (inWord) out.add(w.toString());
        w.setLength(0);
        inWord = false;
        if (!Character.isWhitespace(c)) {
          boolean twice = i + 1 < s.length() && s.charAt(i + 1) == c && c != ';';
          out.add(twice ? "" + c + c : "" + c);
          if (twice) i++;
        }
      } else {
        w.append(c);
        inWord = true;
      }
    }
    if (inWord) out.add(w.toString());
    return out;
  }

  /** The index just after the {@code )} that closes the {@code $(} at {@code start}. */
  private static int substitutionEnd(String s, int start) {
    int depth = 0;
    for (int i = start + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(') depth++;
      else if (c == ')' && --depth == 0) return i + 1;
      else if (c == '\'' ) {
        int end = s.indexOf('\'', i + 1);
        if (end < 0) return s.length();
        i = end;
      }
    }
    return s.length();
  }

  /** Whether a word ends a simple command ({@code ;}, {@code &&}, {@code ||}, {@code |}). */
  static boolean separator(String word) {
    return word.equals(";") || word.equals("&&") || word.equals("||") || word.equals("|") || word.equals("&");
  }

  /** The {@code NAME=value} a word assigns ({@code export NAME=value} too), or null. */
  static String @Nullable [] assignment(String word) {
    Matcher m = ASSIGNMENT.matcher(word);
    return m.matches() ? new String[] {m.group(1), m.group(2)} : null;
  }
}
