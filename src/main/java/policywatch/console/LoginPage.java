package policywatch.console;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.SessionAttribute;

/**
 * {@code /console}: the login form for anyone not logged in, the feeds for an admin who is.
 */
@Controller
final class LoginPage {

	@GetMapping("/console")
	String login(@RequestParam(name = "error", required = false) String error,
			@RequestParam(name = "logout", required = false) String logout,
			@SessionAttribute(name = WebAttributes.AUTHENTICATION_EXCEPTION, required = false) Object failure,
			Authentication authentication, Model model) {
		if (authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken)) {
			return "redirect:/console/feeds";
		}
		if (error != null) {
			model.addAttribute("error", (failure instanceof LockedException locked) ? locked.getMessage()
					: "Wrong user name or password.");
		}
		model.addAttribute("loggedOut", logout != null);
		return "console/login";
	}

}
