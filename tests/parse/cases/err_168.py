async with x
