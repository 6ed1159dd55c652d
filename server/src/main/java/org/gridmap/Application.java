package org.gridmap;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "gridmap", version = "0.1",
        description = "网格化服务管理与防汛应急调度 API — grid mapping and emergency dispatch. "
                + "Errors are RFC 9457 problem+json; geometry is GeoJSON in EPSG:4326."))
public class Application {
    public static void main(String[] args) {
        if (args.length > 0 && Cli.handles(args[0])) {
            System.exit(Cli.run(args));
        }
        Micronaut.run(Application.class, args);
    }
}
