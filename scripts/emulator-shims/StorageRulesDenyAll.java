// Stand-in for the Cloud Storage rules runtime on machines that cannot download it
// (offline, Java 17). It speaks the runtime's line-delimited JSON protocol and answers every
// rules check with "not permitted" — the same outcome our deny-all storage.rules gives.
// Admin SDK access and signed URLs bypass rules, exactly as in production.
// Used only by scripts/emulator-env.mjs; never deployed.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class StorageRulesDenyAll {
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(-?\\d+)");
  private static final Pattern ACTION = Pattern.compile("\"action\"\\s*:\\s*\"(\\w+)\"");

  public static void main(String[] args) throws Exception {
    System.out.println("{\"id\":-1,\"status\":\"ok\"}");
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
    String line;
    while ((line = in.readLine()) != null) {
      Matcher id = ID.matcher(line);
      Matcher action = ACTION.matcher(line);
      if (!id.find()) continue;
      String result = action.find() && action.group(1).equals("load_ruleset")
          ? "{\"rulesVersion\":2}"
          : "{\"permit\":false}";
      System.out.println("{\"id\":" + id.group(1) + ",\"status\":\"ok\",\"result\":" + result
          + ",\"errors\":[],\"warnings\":[]}");
      System.out.flush();
    }
  }
}
