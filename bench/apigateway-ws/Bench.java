import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * WebSocket API load generator (JDK only, run with `java Bench.java`): opens CONNS connections and
 * holds them (the caller measures the server's heap around this), then measures
 *   round trip: WINDOW messages in flight per connection on ACTIVE connections through the MOCK
 *               $default route for SECS seconds (messages answered per second);
 *   broadcast:  one @connections POST per open connection, ROUNDS times (deliveries per second, each
 *               counted when the client received it).
 *   java Bench.java ws-base http-base conns active window secs rounds [server-pid: CPU per message]
 */
public class Bench {
    static final class Client implements WebSocket.Listener {
        WebSocket ws;
        final AtomicLong received = new AtomicLong();
        final AtomicReference<String> lastText = new AtomicReference<>();
        volatile CountDownLatch broadcast;
        volatile Runnable onPong;
        private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);

        /** The JDK's WebSocket takes one send at a time: sends are chained. */
        synchronized void send(String text) {
            sending = sending.thenCompose(x -> ws.sendText(text, true));
        }

        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            received.incrementAndGet();
            String text = data.toString();
            if (text.startsWith("b")) {
                CountDownLatch l = broadcast;
                if (l != null) l.countDown();
            } else if (text.startsWith("{\"me\"")) {
                lastText.set(text);
            } else {
                Runnable r = onPong;
                if (r != null) r.run();
            }
            w.request(1);
            return null;
        }
    }

    /** The server's CPU time (user + system) from /proc when its pid is the 8th argument, else 0. */
    static long serverCpuMillis(String[] a) throws Exception {
        if (a.length < 8) return 0;
        String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + a[7] + "/stat")).replaceAll(".*\\) ", "").split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // clock ticks of 10 ms
    }

    public static void main(String[] a) throws Exception {
        String wsBase = a[0], httpBase = a[1];
        int conns = Integer.parseInt(a[2]), active = Integer.parseInt(a[3]), window = Integer.parseInt(a[4]);
        int secs = Integer.parseInt(a[5]), rounds = Integer.parseInt(a[6]);
        HttpClient http = HttpClient.newHttpClient();
        List<Client> clients = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < conns; i++) {
            Client c = new Client();
            c.ws = http.newWebSocketBuilder().buildAsync(URI.create(wsBase), c).join();
            clients.add(c);
        }
        System.out.printf("OPEN %d connections in %.1f s%n", conns, (System.nanoTime() - t0) / 1e9);
        System.out.println("HOLDING"); // the runner measures the heap now
        System.out.flush();
        new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();

        // round trip
        AtomicLong answered = new AtomicLong();
        long end = System.nanoTime() + secs * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(active);
        for (int i = 0; i < active; i++) {
            Client c = clients.get(i);
            AtomicLong inFlight = new AtomicLong();
            c.onPong = () -> {
                answered.incrementAndGet();
                if (System.nanoTime() < end) {
                    c.send("ping");
                } else if (inFlight.decrementAndGet() == 0) {
                    done.countDown();
                }
            };
            inFlight.set(window);
        }
        long cpu0 = serverCpuMillis(a);
        long start = System.nanoTime();
        for (int i = 0; i < active; i++) {
            for (int w = 0; w < window; w++) {
                clients.get(i).send("ping");
            }
        }
        done.await(secs + 30L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long cpu = serverCpuMillis(a) - cpu0;
        System.out.printf("RESULT roundtrip connections=%d window=%d messages=%d msgs_per_s=%.0f server_cpu_us_per_msg=%.0f%n", active, window,
                answered.get(), answered.get() / elapsed, cpu * 1000.0 / Math.max(1, answered.get()));
        for (Client c : clients) c.onPong = null;

        // connection ids through the MOCK route's $context (one message each)
        List<String> ids = new ArrayList<>();
        // broadcast: one POST per connection, the ids learnt from GetConnection is not possible, so the
        // runner's API answers "pong" only; ids come from the whoami route set up for this purpose
        for (Client c : clients) {
            c.send("{\"action\":\"whoami\"}");
        }
        for (Client c : clients) {
            while (c.lastText.get() == null) Thread.sleep(1);
            ids.add(c.lastText.get().replaceAll(".*\"me\": ?\"([^\"]+)\".*", "$1"));
        }
        double best = 0;
        for (int r = 0; r < rounds; r++) {
            CountDownLatch all = new CountDownLatch(conns);
            for (Client c : clients) c.broadcast = all;
            long b0 = System.nanoTime();
            List<CompletableFuture<HttpResponse<Void>>> posts = new ArrayList<>();
            for (String id : ids) {
                posts.add(http.sendAsync(HttpRequest.newBuilder(URI.create(httpBase + "/@connections/" + id.replace("=", "%3D")))
                        .POST(HttpRequest.BodyPublishers.ofString("b" + r)).build(), HttpResponse.BodyHandlers.discarding()));
                if (posts.size() >= 64) {
                    int status = posts.removeFirst().join().statusCode();
                    if (status != 200) System.out.println("POST answered " + status);
                }
            }
            for (CompletableFuture<HttpResponse<Void>> p : posts) {
                int status = p.join().statusCode();
                if (status != 200) System.out.println("POST answered " + status);
            }
            all.await(60, TimeUnit.SECONDS);
            double s = (System.nanoTime() - b0) / 1e9;
            System.out.printf("RESULT broadcast round=%d deliveries=%d seconds=%.3f deliveries_per_s=%.0f%n", r, conns, s, conns / s);
            best = Math.max(best, conns / s);
        }
        System.out.printf("RESULT broadcast best_deliveries_per_s=%.0f%n", best);
        for (Client c : clients) c.ws.sendClose(1000, "done");
    }
}
