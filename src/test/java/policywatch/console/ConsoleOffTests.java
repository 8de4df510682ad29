package policywatch.console;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import policywatch.ingest.FeedActivity;
import policywatch.ingest.FeedParking;
import policywatch.ingest.FeedPollStatusView;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Without a password every {@code /console} address answers 404, and the rest of the application
 * is as it was.
 */
@WebMvcTest(controllers = { LoginPage.class, FeedsPage.class, ConsoleWebTests.Webhook.class },
		properties = { "policywatch.console.password=", "spring.mvc.webjars-path-pattern=/console/webjars/**" })
@Import({ ConsoleSecurity.class, ConsoleWebTests.Beans.class, ConsoleWebTests.Webhook.class })
class ConsoleOffTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	FeedPollStatusView status;

	@MockitoBean
	FeedActivity activity;

	@MockitoBean
	FeedParking parking;

	@Test
	void everyConsoleAddressAnswers404() throws Exception {
		for (String path : new String[] { "/console", "/console/", "/console/feeds", "/console/console.css",
				"/console/webjars/htmx.org/dist/htmx.min.js", "/console/anything" }) {
			this.mvc.perform(get(path)).andExpect(status().isNotFound()).andExpect(header().doesNotExist("Set-Cookie"));
		}
		this.mvc.perform(post("/console/login").param("username", "admin").param("password", ""))
			.andExpect(status().isNotFound());
		this.mvc.perform(post("/console/feeds/news/unpark")).andExpect(status().isNotFound());
		verifyNoInteractions(this.status, this.parking);
	}

	@Test
	void theRestIsUnchanged() throws Exception {
		this.mvc.perform(post("/telegram/webhook").contentType("application/json").content("{\"update_id\":1}"))
			.andExpect(status().isOk())
			.andExpect(content().string("got {\"update_id\":1}"))
			.andExpect(header().doesNotExist("X-Frame-Options"));
	}

}
