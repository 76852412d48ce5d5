/** The Camel CLI's entry point: CamelJBangMain has no main method of its own. */
public class CamelCli {
    public static void main(String... args) {
        org.apache.camel.dsl.jbang.core.commands.CamelJBangMain.run(args);
    }
}
