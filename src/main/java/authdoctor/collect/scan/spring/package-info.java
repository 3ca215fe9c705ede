/** The scan's reader of Spring Boot applications: property and YAML files with their profiles, and plain security configuration. */
@NullMarked
package authdoctor.collect.scan.spring;

import org.jspecify.annotations.NullMarked;
