// Test stub: just enough of the real API to compile and run the generated Java.
package stubruntime;

/** Test stub: one line per AWS client built, describing its configuration (no secrets).*/
public final class ClientLog {
	public static final java.util.List<String> BUILT = new java.util.ArrayList<>();
	private ClientLog() {}
}
