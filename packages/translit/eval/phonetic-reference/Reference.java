// Prints reference outputs of Apache commons-codec's Beider-Morse and Daitch-Mokotoff encoders
// for the names on standard input (one per line), as one JSON array of objects. Used once, by
// eval/phonetic-reference/generate.sh, to build test/fixtures/phonetic-reference.json.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.language.DaitchMokotoffSoundex;
import org.apache.commons.codec.language.bm.NameType;
import org.apache.commons.codec.language.bm.PhoneticEngine;
import org.apache.commons.codec.language.bm.RuleType;

public class Reference {
  static String q(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }

  public static void main(String[] args) throws Exception {
    NameType[] nts = { NameType.GENERIC, NameType.ASHKENAZI, NameType.SEPHARDIC };
    String[] ntNames = { "gen", "ash", "sep" };
    RuleType[] rts = { RuleType.APPROX, RuleType.EXACT };
    String[] rtNames = { "approx", "exact" };
    PhoneticEngine[][] engines = new PhoneticEngine[3][2];
    for (int i = 0; i < 3; i++) for (int j = 0; j < 2; j++) engines[i][j] = new PhoneticEngine(nts[i], rts[j], true);
    DaitchMokotoffSoundex dm = new DaitchMokotoffSoundex();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    StringBuilder out = new StringBuilder("[\n");
    String line;
    boolean first = true;
    while ((line = in.readLine()) != null) {
      if (line.isEmpty()) continue;
      if (!first) out.append(",\n");
      first = false;
      out.append("{\"name\":").append(q(line));
      for (int i = 0; i < 3; i++)
        for (int j = 0; j < 2; j++)
          out.append(",\"").append(ntNames[i]).append('_').append(rtNames[j]).append("\":").append(q(engines[i][j].encode(line)));
      out.append(",\"dm\":").append(q(dm.soundex(line))).append('}');
    }
    out.append("\n]\n");
    System.out.write(out.toString().getBytes(StandardCharsets.UTF_8));
    System.out.flush();
  }
}
