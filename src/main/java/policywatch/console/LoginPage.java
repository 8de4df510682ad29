package policywatch.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /console}: the login form for anyone not logged in, the feeds for an admin who is.
 */
@Controller
final class LoginPage {

	@GetMapping("/console")
	String login(HttpServletRequest request, Authentication authentication, Model model) {
		if (authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken)) {
			return "redirect:/console/feeds";
		}
		if (request.getParameter("error") != null) {
			HttpSession session = request.getSession(false);
			Object failure = (session != null) ? session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) : null;
			model.addAttribute("error", (failure instanceof LockedException locked) ? locked.getMessage()
					: "Wrong user name or password.");
		}
		model.addAttribute("loggedOut", request.getParameter("logout") != null);
		return "console/login";
	}

}
