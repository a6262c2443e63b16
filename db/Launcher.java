import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;

import inet.ipaddr.IPAddressString;

/**
 * Runs Neo4j Community embedded, reachable only over Bolt on 127.0.0.1.
 *
 * Started by server/db/local.ts with the jars that db/pom.xml fetched on the classpath
 * (single-file source launch, so nothing is compiled into the repo). Prints exactly one
 * line starting with "ready " once the default database answers a query, and leaves
 * a small JSON file in the data folder so other project tools can find this instance.
 *
 * Exit codes: 0 clean stop, 2 bad arguments, 3 store already in use, 4 start failure.
 */
public class Launcher {
  static final String RUNTIME_FILE = "policy-graph-neo4j.json";

  public static void main(String[] args) throws Exception {
    String host = "127.0.0.1";
    int port = 7687;
    Path data = Path.of(".data/neo4j");
    String pagecache = "1g";
    String txTimeout = "0s";
    // Transaction memory: without a cap one query can fill the heap and take the JVM down.
    String txMemory = "512m";
    String txTotalMemory = "1g";
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String v = i + 1 < args.length ? args[i + 1] : null;
      switch (a) {
        case "--port" -> { port = Integer.parseInt(v); i++; }
        case "--data" -> { data = Path.of(v); i++; }
        case "--pagecache" -> { pagecache = v; i++; }
        case "--host" -> { host = v; i++; }
        case "--tx-timeout" -> { txTimeout = v; i++; }
        case "--tx-memory" -> { txMemory = v; i++; }
        case "--tx-total-memory" -> { txTotalMemory = v; i++; }
        default -> {
          System.err.println("Launcher: unknown argument " + a);
          System.exit(2);
        }
      }
    }
    // A test of the app's handling of refused credentials needs a Neo4j that checks them
    // (server/db/local.ts passes this for it); otherwise the loopback database has no password.
    String password = System.getenv("LAUNCHER_AUTH_PASSWORD");
    boolean auth = password != null && !password.isEmpty();
    data = data.toAbsolutePath().normalize();
    Files.createDirectories(data);
    Path runtimeFile = data.resolve(RUNTIME_FILE);
    String uri = "bolt://" + host + ":" + port;

    DatabaseManagementService dbms;
    try {
      dbms = new DatabaseManagementServiceBuilder(data)
          .setConfig(BoltConnector.enabled, true)
          .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
          .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
          // Bolt's shutdown waited 5 s for its thread pool and 5 s for its connections even when
          // none were open: 10 of every clean stop's 11 s (Ctrl-C, tests, restarts). A local
          // database has no client worth waiting that long for.
          .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofMillis(500))
          .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofMillis(500))
          .setConfig(HttpConnector.enabled, false)
          .setConfig(HttpsConnector.enabled, false)
          // Loopback-only development database: no password to manage. Remote servers keep auth.
          .setConfig(GraphDatabaseSettings.auth_enabled, auth)
          .setConfig(GraphDatabaseSettings.pagecache_memory, parseBytes(pagecache))
          .setConfig(GraphDatabaseSettings.transaction_timeout, parseDuration(txTimeout))
          // LOAD CSV reaches nothing: no file URLs, and no address at all over http, https or ftp
          // (the console's guard refuses LOAD CSV; this holds if a query ever slips past it, and
          // the app itself never uses LOAD CSV). dbms.security.procedures.allowlist is no help
          // against built-in procedures: Neo4j applies it to plugin procedures only.
          .setConfig(GraphDatabaseSettings.allow_file_urls, false)
          .setConfig(GraphDatabaseInternalSettings.cypher_ip_blocklist, List.of(new IPAddressString("0.0.0.0/0"), new IPAddressString("::/0")))
          .setConfig(GraphDatabaseSettings.memory_tracking, true)
          .setConfig(GraphDatabaseSettings.memory_transaction_max_size, parseBytes(txMemory))
          .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, parseBytes(txTotalMemory))
          .build();
    } catch (Throwable t) {
      if (isStoreLocked(t)) {
        System.err.println("Neo4j data folder " + data + " is already in use by another Neo4j process.");
        System.err.println("Stop that process first, or connect to it (npm start and the import tool do this"
            + " automatically when it was started with `npm run db`), or set NEO4J_LOCAL_DATA to another folder.");
        System.exit(3);
      }
      System.err.println("Neo4j failed to start: " + rootMessage(t));
      System.err.println("Details are in " + data.resolve("logs") + ".");
      System.exit(4);
      return;
    }

    CountDownLatch stopped = new CountDownLatch(1);
    final DatabaseManagementService running = dbms;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        Files.deleteIfExists(runtimeFile);
      } catch (IOException ignored) {
        // A stale file is harmless: readers check that the pid is alive and Bolt answers.
      }
      System.err.println("Neo4j: shutting down");
      running.shutdown();
      System.err.println("Neo4j: stopped cleanly");
      stopped.countDown();
    }, "neo4j-shutdown"));

    // Bolt accepts connections before the default database is online; wait for the database.
    GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (!db.isAvailable(1000)) {
      // A store that cannot start (damaged, another version) never becomes available: say why at once.
      String failure = startFailure(system);
      if (failure != null) {
        System.err.println("Neo4j: the database failed to start: " + failure);
        System.err.println("Details are in " + data.resolve("logs") + ".");
        System.exit(4);
      }
      if (System.nanoTime() > deadline) {
        System.err.println("Neo4j: default database did not become available within 5 minutes");
        System.exit(4);
      }
    }
    try (Transaction tx = db.beginTx()) {
      tx.execute("RETURN 1").close();
      tx.commit();
    }
    if (auth) {
      // Embedded code runs with full rights: the neo4j user gets the password, no change asked.
      try {
        system.executeTransactionally("ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
      } catch (RuntimeException e) {
        // A restart on the same store: Neo4j refuses to set the password it already has.
        if (!String.valueOf(rootMessage(e)).contains("cannot be the same")) throw e;
      }
    }

    long pid = ProcessHandle.current().pid();
    String json = "{\"uri\":\"" + uri + "\",\"pid\":" + pid + ",\"port\":" + port + "}\n";
    Files.writeString(runtimeFile, json, StandardCharsets.UTF_8);
    System.out.println("ready " + uri + " pid=" + pid + " data=" + data);
    System.out.flush();

    // Closing stdin is the parent's way of saying "stop" on platforms without signals, and
    // the JVM exits through the shutdown hook either way.
    Thread stdinWatcher = new Thread(() -> {
      try {
        while (System.in.read() != -1) { /* ignore input */ }
      } catch (IOException ignored) {
        // treated as end of input
      }
      if (Boolean.getBoolean("launcher.exitOnStdinClose")) System.exit(0);
    }, "stdin-watcher");
    stdinWatcher.setDaemon(true);
    stdinWatcher.start();

    stopped.await();
  }

  /** Why the default database failed to start, or null while it is still starting (or unknown). */
  static String startFailure(GraphDatabaseService system) {
    try {
      return system.executeTransactionally(
          "SHOW DATABASE " + GraphDatabaseSettings.DEFAULT_DATABASE_NAME + " YIELD currentStatus, statusMessage",
          Map.of(),
          result -> {
            if (!result.hasNext()) return null;
            Map<String, Object> row = result.next();
            String message = String.valueOf(row.get("statusMessage"));
            return "offline".equals(row.get("currentStatus")) && !message.isBlank() ? message : null;
          });
    } catch (RuntimeException e) {
      return null; // the system database is not up yet either
    }
  }

  static boolean isStoreLocked(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      String name = c.getClass().getName();
      String msg = String.valueOf(c.getMessage());
      if (name.endsWith("FileLockException") || msg.contains("store_lock") || msg.contains("Unable to obtain lock")) {
        return true;
      }
    }
    return false;
  }

  static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null) c = c.getCause();
    return c.getClass().getSimpleName() + ": " + c.getMessage();
  }

  static long parseBytes(String s) {
    String v = s.trim().toLowerCase();
    long mult = 1;
    if (v.endsWith("k")) mult = 1L << 10;
    else if (v.endsWith("m")) mult = 1L << 20;
    else if (v.endsWith("g")) mult = 1L << 30;
    if (mult > 1) v = v.substring(0, v.length() - 1);
    return Long.parseLong(v) * mult;
  }

  static Duration parseDuration(String s) {
    String v = s.trim().toLowerCase();
    if (v.endsWith("ms")) return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
    if (v.endsWith("s")) return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
    if (v.endsWith("m")) return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
    return Duration.ofSeconds(Long.parseLong(v));
  }
}
