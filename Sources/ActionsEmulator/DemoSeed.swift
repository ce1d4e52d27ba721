import FoundationEssentials

/// Finds the demo seed that ships with the emulator, for runs that name no seed.
public enum DemoSeed {
    /// `seed-data/` in the working directory, beside the executable's package checkout, or in
    /// the installed share folder, whichever exists first.
    public static func locate(executablePath: String = CommandLine.arguments[0]) -> String? {
        let executable = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
        var candidates = [FileManager.default.currentDirectoryPath + "/seed-data"]
        // .build/<config>/actions-emulator → the package root is three levels up.
        var folder = executable.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(folder.appendingPathComponent("seed-data").path)
            folder = folder.deletingLastPathComponent()
        }
        candidates.append("/usr/share/actions-emulator/seed-data")
        return candidates.first { path in
            var isDirectory = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory
        }
    }
}
