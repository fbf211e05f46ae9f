package dev.atsrelay.config.console;

import dev.atsrelay.config.catalogue.EventCatalogue;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The admin console's pages: server-rendered shells (Thymeleaf) whose forms and tables a little plain JavaScript fills
 * from the public APIs, with the administrator's own key. The pages hold no tenant data and need no credential; every
 * call for data does.
 */
@Hidden
@Controller
class ConsoleController {

    /** The pages, in the order of the navigation: path segment and title. */
    record Page(String path, String title) {
    }

    static final List<Page> PAGES = List.of(
            new Page("webhooks", "Webhooks"),
            new Page("custom-actions", "Custom Actions"),
            new Page("templates", "Job templates & stage triggers"),
            new Page("deliveries", "Deliveries"),
            new Page("marketplace", "Marketplace"));

    @GetMapping("/console")
    String home() {
        return "redirect:/console/webhooks";
    }

    private final EventCatalogue catalogue;

    ConsoleController(EventCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping("/console/{path}")
    String page(@PathVariable String path, Model model) {
        Page page = PAGES.stream().filter(p -> p.path().equals(path)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no console page " + path));
        model.addAttribute("pages", PAGES);
        model.addAttribute("page", page);
        model.addAttribute("eventTypes", catalogue.types().stream().sorted().toList());
        return "console/" + page.path();
    }
}
