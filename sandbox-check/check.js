require("child_process").execSync("bash /tmp/smoke.sh", {stdio: "inherit"});
